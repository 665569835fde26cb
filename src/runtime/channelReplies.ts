import type { Activity, ResourceResponse } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { USER_AGENT } from 'botframework-connector/lib/auth/connectorFactoryImpl';
import { Agent, request } from 'undici';

/** A channel's refusal of a reply, with its HTTP status (as botframework-connector's RestError has). */
export class ChannelReplyError extends Error {
  constructor(
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'ChannelReplyError';
  }
}

export interface ChannelRepliesOptions {
  /** how long to wait before a retry; injected by tests */
  wait?: (ms: number) => Promise<void>;
  /** retries after the first attempt, as the framework's default retry policy */
  maxRetries?: number;
  /** a request with no answer for this long is abandoned (and retried) */
  timeoutMs?: number;
}

const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 64_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Patch: the connector client's replyToActivity and sendToConversation are replaced (`attach`)
 * by one JSON POST each through undici, with the framework's own User-Agent (a deep import).
 * Measured effect: about 0.3 ms of CPU per reply (commit 2626870; docs/performance.md, "Replies").
 * Obsolete when: the connector sends a reply without its generic pipeline — and an upgrade that
 * renames what we replace or import fails test/runtime/channelReplies.test.ts (the User-Agent,
 * the routes and retries it checks against a fake channel).
 *
 * Sends a turn's replies to the customer's channel. botframework-connector sends each one through
 * a generic REST pipeline — a mapper walks the whole Activity schema to serialise it, and about ten
 * policies copy the headers back and forth — which costs more CPU than the rest of a plain echo
 * bot's turn. A reply is one JSON POST, so we send that ourselves with undici (over kept-alive connections),
 * with the framework's headers, the connector's own credentials and its retry rules: a 429 or 503
 * waits for Retry-After; 408, other 5xx and network errors back off exponentially; three retries.
 */
export class ChannelReplies {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000 });
  private readonly wait: (ms: number) => Promise<void>;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;

  constructor(options: ChannelRepliesOptions = {}) {
    this.wait = options.wait ?? sleep;
    this.maxRetries = options.maxRetries ?? 3;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /**
   * Makes `client` send replies and new messages this way; every other operation (and any call
   * with per-call options or a callback) still goes through the framework's client.
   */
  attach(client: ConnectorClient, serviceUrl: string): ConnectorClient {
    const conversations = client.conversations;
    const viaFramework = {
      replyToActivity: conversations.replyToActivity.bind(conversations),
      sendToConversation: conversations.sendToConversation.bind(conversations),
    };
    const base = serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`;
    const path = (conversationId: string, activityId?: string) =>
      `v3/conversations/${encodeURIComponent(conversationId)}/activities${activityId === undefined ? '' : `/${encodeURIComponent(activityId)}`}`;
    const send = (conversationId: string, activityId: string | undefined, activity: Partial<Activity>) =>
      this.post(new URL(path(conversationId, activityId), base), conversationId, activity, client.credentials);

    conversations.replyToActivity = ((conversationId: string, activityId: string, activity: Activity, ...rest: unknown[]) =>
      rest.length
        ? (viaFramework.replyToActivity as (...args: unknown[]) => unknown)(conversationId, activityId, activity, ...rest)
        : send(conversationId, activityId, activity)) as typeof conversations.replyToActivity;
    conversations.sendToConversation = ((conversationId: string, activity: Activity, ...rest: unknown[]) =>
      rest.length
        ? (viaFramework.sendToConversation as (...args: unknown[]) => unknown)(conversationId, activity, ...rest)
        : send(conversationId, undefined, activity)) as typeof conversations.sendToConversation;
    return client;
  }

  close(): Promise<void> {
    return this.agent.destroy();
  }

  private async post(
    url: URL,
    conversationId: string,
    activity: Partial<Activity>,
    credentials: ConnectorClient['credentials'],
  ): Promise<ResourceResponse> {
    const body = JSON.stringify(activity);
    for (let attempt = 0; ; attempt++) {
      // signed per attempt: the credentials cache their token and renew it when it expires
      const headers: Record<string, string> = {
        'Content-Type': 'application/json; charset=utf-8',
        Accept: 'application/json, */*',
        'User-Agent': USER_AGENT,
        'x-ms-conversation-id': conversationId,
      };
      await credentials.signRequest({ headers: { set: (name: string, value: string) => (headers[name] = value) } } as never);
      const outcome = await this.once(url, headers, body).then(
        (response) => ({ response }),
        (error: Error) => ({ error }),
      );
      if ('response' in outcome) {
        const { status, text, retryAfterMs } = outcome.response;
        if (status >= 200 && status < 300) return text ? (JSON.parse(text) as ResourceResponse) : { id: '' };
        const error = new ChannelReplyError(`the channel refused a reply: HTTP ${status} ${text.slice(0, 200)}`, status);
        const retryable = status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
        if (!retryable || attempt >= this.maxRetries) throw error;
        await this.wait(retryAfterMs ?? backoff(attempt));
      } else {
        if (attempt >= this.maxRetries) throw outcome.error;
        await this.wait(backoff(attempt));
      }
    }
  }

  private async once(
    url: URL,
    headers: Record<string, string>,
    body: string,
  ): Promise<{ status: number; text: string; retryAfterMs?: number }> {
    const response = await request(url, {
      method: 'POST',
      dispatcher: this.agent,
      headers,
      body,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    }).catch((error: { code?: string }) => {
      if (error.code === 'UND_ERR_HEADERS_TIMEOUT') throw new ChannelReplyError(`the channel did not answer within ${this.timeoutMs} ms`);
      throw error;
    });
    const retry = response.headers['retry-after'];
    return {
      status: response.statusCode,
      text: await response.body.text(),
      retryAfterMs: retryAfter(Array.isArray(retry) ? retry[0] : retry),
    };
  }
}

/** 1 s, 2 s, 4 s… with up to 20% jitter, capped at 64 s (the framework's defaults). */
const backoff = (attempt: number) => Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt * (0.8 + Math.random() * 0.2));

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
function retryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
