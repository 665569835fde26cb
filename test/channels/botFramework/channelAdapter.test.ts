import { type Activity, ConfigurationServiceClientCredentialFactory, type TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import { ChannelAdapter } from '../../../src/channels/botFramework/channelAdapter';
import { AppError } from '../../../src/errors';
import { ReusedClientsBotFrameworkAuthentication } from '../../../src/runtime/reusedConnectorClients';

function adapter(appId = '') {
  const credentials = new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: appId, MicrosoftAppPassword: appId ? 'pw' : '' });
  return new ChannelAdapter(new ReusedClientsBotFrameworkAuthentication({ MicrosoftAppId: appId }, credentials));
}

/** A restify request/response pair reduced to what the adapter touches. */
function exchange(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const sent: { status?: number; body?: string } = {};
  const setStatus = (status: number) => {
    sent.status = status;
  };
  const res = {
    writeHead: setStatus,
    status: setStatus,
    setHeader: () => undefined,
    end: (text?: string) => {
      sent.body = text;
    },
  } as unknown as Response;
  return { req: { body, headers } as unknown as Request, res, sent };
}

const message = (extra: Record<string, unknown> = {}) => ({
  type: 'message',
  id: 'm1',
  channelId: 'emulator',
  serviceUrl: 'http://127.0.0.1:9/',
  from: { id: 'customer' },
  recipient: { id: 'bot' },
  conversation: { id: 'c1' },
  text: 'hello',
  ...extra,
});

describe('ChannelAdapter', () => {
  test('runs the turn on the activity, timestamps as Dates with the raw strings kept, and answers 200', async () => {
    let seen: Activity | undefined;
    const { req, res, sent } = exchange(
      message({ timestamp: '2026-03-02T17:30:00.000Z', localTimestamp: '2026-03-02T09:30:00-08:00', expiration: '2026-03-03T00:00:00Z' }),
    );
    await adapter().handle(req, res, async (context: TurnContext) => {
      seen = context.activity;
    });
    expect(sent.status).toBe(200);
    expect(seen?.text).toBe('hello');
    expect(seen?.timestamp).toEqual(new Date('2026-03-02T17:30:00.000Z'));
    expect(seen?.localTimestamp).toBeInstanceOf(Date);
    expect((seen as Activity & { rawLocalTimestamp: string }).rawLocalTimestamp).toBe('2026-03-02T09:30:00-08:00');
    expect(seen?.expiration).toBeInstanceOf(Date);
  });

  test("an invoke's response is the HTTP answer", async () => {
    const { req, res, sent } = exchange(message({ type: 'invoke', name: 'probe' }));
    await adapter().handle(req, res, async (context) => {
      await context.sendActivity({ type: 'invokeResponse', value: { status: 202, body: { ok: true } } });
    });
    expect(sent.status).toBe(202);
    expect(JSON.parse(sent.body ?? '')).toEqual({ ok: true });
  });

  test("an invoke nobody handles is a 400 in our shape, not the framework's 501", async () => {
    const { req, res } = exchange(message({ type: 'invoke', name: 'unknown/action' }));
    await expect(adapter().handle(req, res, async () => {})).rejects.toMatchObject({ code: 'UNHANDLED_INVOKE', status: 400 });
  });

  test('with an app id, a request without a channel token is refused as unauthenticated and no turn runs', async () => {
    const { req, res } = exchange(message());
    let ran = false;
    const handled = adapter('00000000-0000-0000-0000-000000000001').handle(req, res, async () => {
      ran = true;
    });
    await expect(handled).rejects.toBeInstanceOf(AppError);
    await expect(handled).rejects.toMatchObject({ code: 'CHANNEL_UNAUTHENTICATED', status: 401 });
    expect(ran).toBe(false);
  });

  test("an error the turn's own handler could not absorb reaches the route (which answers 500)", async () => {
    const { req, res } = exchange(message());
    const broken = adapter();
    broken.onTurnError = async () => {
      throw new Error('even the error handler failed');
    };
    await expect(
      broken.handle(req, res, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('even the error handler failed');
  });
});
