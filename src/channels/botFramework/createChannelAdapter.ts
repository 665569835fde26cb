import { ConfigurationServiceClientCredentialFactory, type Middleware } from 'botbuilder';
import { agentIdentityMiddleware } from '../../bot/agentIdentityMiddleware';
import { conversationScope } from '../../bot/conversationScope';
import { replyCoalescer } from '../../bot/replyCoalescer';
import { transcriptMiddleware } from '../../bot/transcriptMiddleware';
import type { Clock } from '../../clock';
import type { Config } from '../../config/config';
import { channelOfServiceUrl } from '../../domain/conversationKey';
import type { ChannelReplies } from '../../runtime/channelReplies';
import { ReusedClientsBotFrameworkAuthentication } from '../../runtime/reusedConnectorClients';
import type { TranscriptRepository } from '../../storage/transcriptRepository';
import { ChannelAdapter } from './channelAdapter';

/**
 * The adapter of the Bot Framework channels, authenticated with the bot's app registration.
 * `replies`: our client for replies (undefined: the framework's own, behind an HTTP proxy).
 * `nextToTheWire`: the middleware that runs last, closest to the replies leaving.
 */
export function createChannelAdapter(
  bot: Config['bot'],
  parts: { replies?: ChannelReplies; transcript: TranscriptRepository; nextToTheWire: Middleware; clock?: Clock },
): ChannelAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: bot.appId ?? '',
    MicrosoftAppPassword: bot.appPassword ?? '',
    MicrosoftAppType: bot.appType ?? 'MultiTenant',
    MicrosoftAppTenantId: bot.tenantId ?? '',
  });
  const auth = new ReusedClientsBotFrameworkAuthentication(
    { MicrosoftAppId: bot.appId ?? '', MicrosoftAppType: bot.appType ?? 'MultiTenant', MicrosoftAppTenantId: bot.tenantId ?? '' },
    credentials,
    { replies: parts.replies },
  );
  const adapter = new ChannelAdapter(auth);
  // the conversation is the one of the serviceUrl's origin (the route accepted only http(s) ones)
  adapter.use(conversationScope((context) => channelOfServiceUrl(context.activity.serviceUrl)));
  adapter.use(replyCoalescer());
  adapter.use(agentIdentityMiddleware());
  adapter.use(transcriptMiddleware(parts.transcript, parts.clock));
  adapter.use(parts.nextToTheWire);
  return adapter;
}
