import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  JwtTokenValidation,
  type UserTokenClient,
} from 'botframework-connector';
import { BoundedMap } from '../domain/boundedMap';
import type { ChannelReplies } from './channelReplies';

/** Distinct (bot app id, channel endpoint, audience) combinations kept; a bot talks to a handful. */
const MAX_CLIENTS = 256;

/**
 * Patch. Why: CloudAdapter builds a new ConnectorClient and a new UserTokenClient — each with its own HTTP
 * pipeline — for every incoming activity, which costs more CPU than the rest of an echo bot's
 * turn. Both clients are stateless apart from their credentials (which cache their own tokens),
 * so one per app id and channel endpoint serves every turn.
 * Measured effect: building the two clients cost more CPU than the rest of an echo bot's turn;
 * no figure of its own was kept (commit 367c431 measured it together with group commit and the
 * WAL checkpointer). Obsolete when: the framework reuses its clients —
 * test/runtime/reusedConnectorClients.test.ts counts the clients it creates.
 */
export class ReusedClientsBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new BoundedMap<string, Promise<ConnectorClient>>(MAX_CLIENTS);
  private readonly userTokenClients = new BoundedMap<string, Promise<UserTokenClient>>(MAX_CLIENTS);
  /** when given, replies leave through it rather than through the framework's REST pipeline */
  private readonly replies?: ChannelReplies;

  constructor(
    configuration: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    credentialsFactory: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1],
    options: { replies?: ChannelReplies } = {},
  ) {
    super(configuration, credentialsFactory);
    this.replies = options.replies;
  }

  override async authenticateRequest(
    activity: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>[0],
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return reuse(this.userTokenClients, appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private reusing(inner: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    const { connectors, replies } = this;
    const created = (serviceUrl: string, audience?: string) =>
      replies
        ? inner.create(serviceUrl, audience).then((client) => replies.attach(client, serviceUrl))
        : inner.create(serviceUrl, audience);
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return reuse(connectors, `${appId}\n${serviceUrl}\n${audience ?? ''}`, () => created(serviceUrl, audience));
      }
    })();
  }
}

const appIdOf = (identity: ClaimsIdentity): string => JwtTokenValidation.getAppIdFromClaims(identity.claims ?? []) ?? '';

/** The cached client for `key`, or a new one; a failed creation is forgotten so the next turn tries again. */
function reuse<T>(cache: BoundedMap<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  const known = cache.get(key);
  if (known) return known;
  const created = create();
  cache.set(key, created);
  created.catch(() => {
    if (cache.get(key) === created) cache.delete(key);
  });
  return created;
}
