/**
 * The baseline for `npm run bench`: a minimal echo bot on the same stack and settings as
 * the product (botbuilder CloudAdapter in local mode on restify, bodyParser, one reply per message).
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import * as restify from 'restify';

const credentials = new ConfigurationServiceClientCredentialFactory({
  MicrosoftAppId: '',
  MicrosoftAppPassword: '',
  MicrosoftAppType: 'MultiTenant',
  MicrosoftAppTenantId: '',
});
const adapter = new CloudAdapter(
  new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppType: 'MultiTenant' }, credentials),
);
const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
server.post('/api/messages', restify.plugins.bodyParser({ maxBodySize: 512 * 1024, mapParams: false }), async (req, res) => {
  await adapter.process(req, res, async (context) => {
    if (context.activity.type === 'message') await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
  });
});
server.get('/healthz', async (_req, res) => {
  res.send(200, { status: 'ok' });
});
server.listen(Number(process.env.PORT ?? 3979), '127.0.0.1', () => process.stdout.write('echo bot ready\n'));
