import type { Activity } from 'botbuilder';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { ChannelReplies } from '../../src/runtime/channelReplies';
import { ReusedClientsBotFrameworkAuthentication } from '../../src/runtime/reusedConnectorClients';

// Local mode (no app id): authentication is disabled, as in the bench and the tests.
function authentication(replies?: ChannelReplies) {
  const credentials = new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: '', MicrosoftAppPassword: '' });
  return new ReusedClientsBotFrameworkAuthentication({ MicrosoftAppId: '' }, credentials, { replies });
}
const activity = (serviceUrl: string) =>
  ({ type: 'message', channelId: 'emulator', serviceUrl, conversation: { id: 'c1' } }) as unknown as Activity;

describe('ReusedClientsBotFrameworkAuthentication', () => {
  test('one connector client per channel endpoint, shared by every turn', async () => {
    const auth = authentication();
    const clientFor = async (serviceUrl: string) => {
      const result = await auth.authenticateRequest(activity(serviceUrl), '');
      return result.connectorFactory?.create(serviceUrl, result.audience);
    };
    const first = await clientFor('http://127.0.0.1:1/');
    expect(first).toBeDefined();
    expect(await clientFor('http://127.0.0.1:1/')).toBe(first);
    expect(await clientFor('http://127.0.0.1:2/')).not.toBe(first);
  });

  test('proactive turns and user-token clients reuse theirs too', async () => {
    const auth = authentication();
    const { claimsIdentity } = await auth.authenticateRequest(activity('http://127.0.0.1:1/'), '');
    const a = await auth.createConnectorFactory(claimsIdentity).create('http://127.0.0.1:1/');
    const b = await auth.createConnectorFactory(claimsIdentity).create('http://127.0.0.1:1/');
    expect(a).toBe(b);
    expect(await auth.createUserTokenClient(claimsIdentity)).toBe(await auth.createUserTokenClient(claimsIdentity));
  });

  test('with ChannelReplies, the shared client sends replies through it; without, through the framework', async () => {
    const { claimsIdentity } = await authentication().authenticateRequest(activity('http://127.0.0.1:1/'), '');
    const framework = await authentication().createConnectorFactory(claimsIdentity).create('http://127.0.0.1:1/');
    const proto = Object.getPrototypeOf(framework.conversations);
    expect(framework.conversations.replyToActivity).toBe(proto.replyToActivity);
    const replies = new ChannelReplies();
    const lean = await authentication(replies).createConnectorFactory(claimsIdentity).create('http://127.0.0.1:1/');
    expect(lean.conversations.replyToActivity).not.toBe(proto.replyToActivity);
    expect(lean.conversations.sendToConversation).not.toBe(proto.sendToConversation);
    await replies.close();
  });
});
