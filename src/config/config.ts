import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { isValidTimeZone } from '../domain/calendar';
import type { TimerTargets } from '../domain/responseTimers';
import type { SilenceLimits } from '../domain/silence';
import { isSupportHours } from '../domain/supportHours';
import { compileTrust } from '../server/clientAddress';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

/** How long the link back to the conversation in a customer's mail opens it, unless RESUME_LINK_DAYS says otherwise. */
export const DEFAULT_RESUME_LINK_DAYS = 30;

/** Every setting the server reads, validated once at boot (see .env.example). */
/** The spellings of a switch: the words people type in an .env file. */
const ON = new Set(['1', 'true', 'on', 'yes']);
const ON_OFF = new Set([...ON, '0', 'false', 'off', 'no', '']);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DEFAULT_TIMEZONE: z
    .string()
    .default('America/Los_Angeles')
    .refine((tz) => isValidTimeZone(tz), 'must be an IANA timezone such as America/Los_Angeles'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: optionalText,
  MicrosoftAppTenantId: optionalText,
  BOOTSTRAP_AGENT_USERNAME: optionalText,
  BOOTSTRAP_AGENT_PASSWORD: optionalText,
  TOKEN_SECRET: optionalText,
  METRICS_TOKEN: optionalText.refine((v) => v === undefined || /^\S{16,}$/.test(v), 'must be at least 16 characters, no spaces'),
  POLICY_FILE: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AGENT_TOKEN_TTL_MINUTES: z.coerce.number().int().positive().default(720),
  DIRECTLINE_TOKENS_PER_MINUTE: z.coerce.number().int().positive().default(30),
  TURNS_STARTED_PER_PASS: z.coerce.number().int().min(0).default(8),
  SUPPORT_HOURS: optionalText.refine((v) => v === undefined || isSupportHours(v), 'must look like "Mon-Fri 08:00-18:00"'),
  SUPPORT_TIMEZONE: optionalText.refine((v) => v === undefined || isValidTimeZone(v), 'must be an IANA timezone'),
  PUBLIC_URL: optionalText.refine((v) => v === undefined || isHttpOrigin(v), 'must be an http(s) origin such as https://help.example.com'),
  FILE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  TRUST_PROXY: optionalText.refine((v) => v === undefined || isTrustProxy(v), 'must be a hop count or a list of addresses/subnets'),
  DATABASE_URL: optionalText.refine((v) => v === undefined || isPostgresUrl(v), 'must be a postgres:// or postgresql:// URL'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  REDIS_URL: optionalText.refine((v) => v === undefined || isRedisUrl(v), 'must be a redis:// or rediss:// URL'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'must be 1-64 letters, digits or : _ . -')
    .default('qsee:'),
  SMTP_URL: optionalText.refine((v) => v === undefined || isSmtpUrl(v), 'must be an smtp:// or smtps:// URL'),
  MAIL_FROM: optionalText.refine(
    (v) => v === undefined || /^[^\r\n]{0,200}@[^\r\n]{1,200}$/.test(v),
    'must be an address, e.g. "Q-See Support <support@example.com>"',
  ),
  RESUME_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(DEFAULT_RESUME_LINK_DAYS),
  MAIL_LIMIT_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(5),
  MAIL_LIMIT_PER_CONVERSATION_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(5),
  MAIL_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(100000).default(300),
  AGENT_CAPACITY: z.coerce.number().int().min(1).max(50).default(3), // as an agent's own (agentFields.ts)
  AUTO_ASSIGN: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ON_OFF.has(v), 'must be on or off (1/true/on/yes, 0/false/off/no)')
    .default('off'),
  AGENT_OFFLINE_GRACE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
  QUEUE_REOFFER_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  FIRST_RESPONSE_TARGET_MINUTES: z.coerce.number().int().min(1).max(10_080).default(15),
  WAIT_TARGET_MINUTES: z.coerce.number().int().min(1).max(10_080).default(10),
  // silence in a chat an agent has (src/domain/silence.ts); 0 turns that timer off
  CUSTOMER_SILENT_REMIND_MINUTES: z.coerce.number().int().min(0).max(1440).default(5),
  CUSTOMER_SILENT_END_MINUTES: z.coerce.number().int().min(0).max(1440).default(10),
  AGENT_SILENT_REMIND_MINUTES: z.coerce.number().int().min(0).max(1440).default(3),
  // the proof reader (issue 22): off leaves every file to the agent; the decision waits this long for a reading
  RECEIPT_READER: z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .refine((v) => ON_OFF.has(v), 'must be on or off (1/true/on/yes, 0/false/off/no)')
    .default('on'),
  RECEIPT_READ_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(3000),
});

export interface Config {
  /** The proof reader: null when RECEIPT_READER is off; `waitMs` is RECEIPT_READ_WAIT_MS. */
  receipts: { waitMs: number } | null;
  port: number;
  host: string;
  dataDir: string;
  defaultTimeZone: string;
  bot: { appId?: string; appPassword?: string; appType?: string; tenantId?: string; localMode: boolean };
  bootstrapAgent?: { username: string; password: string };
  /** TOKEN_SECRET; unset, the deployment keeps a generated one with its data (storage.secrets), shared by its instances. */
  tokenSecret?: string;
  /** METRICS_TOKEN: the bearer token /metrics asks for; unset, /metrics answers loopback callers only. */
  metricsToken?: string;
  policyFile?: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  agentTokenTtlMs: number;
  /** New chats one address may open per minute. */
  directLineTokensPerMinute: number;
  /** New turns started per pass of the event loop, the others wait for the next (0: no limit). */
  turnsStartedPerPass: number;
  /** When people answer chats ("Mon-Fri 08:00-18:00" in supportTimeZone); always when unset. */
  supportHours?: string;
  supportTimeZone: string;
  /** The origin customers and agents reach us at (links to files, stream URLs); never taken from a request's Host. */
  publicUrl?: string;
  /** Which proxies' X-Forwarded-For to believe (proxy-addr's syntax or a hop count); unset: none, the socket address counts. */
  trustProxy?: string;
  /** Uploaded files (Direct Line uploads, proof attachments) are deleted this many days after they arrive. */
  fileRetentionDays: number;
  /**
   * Outgoing HTTP goes through a proxy: not a setting of ours, read from the standard HTTPS_PROXY /
   * HTTP_PROXY variables (see .env.example). Replies to a channel then use the framework's client,
   * the one that honours them.
   */
  behindHttpProxy: boolean;
  /** PostgreSQL (DATABASE_URL) holds everything when set; otherwise SQLite in dataDir. */
  database?: { url: string; poolSize: number };
  /** Redis joins the instances when set (REDIS_URL); its keys and channels carry `prefix`, one per deployment. */
  redis?: { url: string; prefix: string };
  /** Outgoing mail (SMTP_URL, MAIL_FROM); unset: nothing is offered by email. */
  mail?: MailConfig;
  /** Hand-off routing (AGENT_CAPACITY, AUTO_ASSIGN, AGENT_OFFLINE_GRACE_SECONDS, QUEUE_REOFFER_MINUTES). */
  routing: RoutingConfig;
  /** Response-time targets, counted within supportHours (FIRST_RESPONSE_TARGET_MINUTES, WAIT_TARGET_MINUTES). */
  timerTargets: TimerTargets;
  /** Silence in a chat an agent has (CUSTOMER_SILENT_REMIND_MINUTES, CUSTOMER_SILENT_END_MINUTES, AGENT_SILENT_REMIND_MINUTES); 0: off. */
  silence: SilenceLimits;
}

export interface RoutingConfig {
  /** Open chats an agent has at most when chats are given to them (an agent's own capacity overrides it). */
  agentCapacity: number;
  /** Waiting claims go by themselves to available agents; off: agents pick from the queue. */
  autoAssign: boolean;
  /** How long an agent's stream may be gone before their open chats go back to the queue. */
  offlineGraceMs: number;
  /** A claim waiting longer than this is offered again to the agents and flagged in the queue. */
  reofferMs: number;
}

export interface MailConfig {
  smtpUrl: string;
  /** The From of every mail: an address, with or without a display name. */
  from: string;
  /** How long the link back to the conversation in a customer's mail opens it. */
  resumeLinkDays: number;
  /** Mails to addresses typed by anonymous customers: per address, per conversation and in all, per hour. Agents' mails do not count. */
  limits: { perAddressPerHour: number; perConversationPerHour: number; perHour: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; fails fast naming the bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.SMTP_URL && !e.MAIL_FROM) throw new ConfigError('invalid configuration: MAIL_FROM is needed with SMTP_URL');
  if (Boolean(e.BOOTSTRAP_AGENT_USERNAME) !== Boolean(e.BOOTSTRAP_AGENT_PASSWORD)) {
    throw new ConfigError('invalid configuration: BOOTSTRAP_AGENT_USERNAME and BOOTSTRAP_AGENT_PASSWORD go together');
  }
  // both run from the hand-off: a first response due before the wait ends would be missed by every chat taken in time
  if (e.FIRST_RESPONSE_TARGET_MINUTES < e.WAIT_TARGET_MINUTES) {
    throw new ConfigError(
      'invalid configuration: FIRST_RESPONSE_TARGET_MINUTES must be at least WAIT_TARGET_MINUTES (both count from the hand-off)',
    );
  }
  const dataDir = path.resolve(e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    defaultTimeZone: e.DEFAULT_TIMEZONE,
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
      localMode: !e.MicrosoftAppId,
    },
    bootstrapAgent: e.BOOTSTRAP_AGENT_USERNAME
      ? { username: e.BOOTSTRAP_AGENT_USERNAME, password: e.BOOTSTRAP_AGENT_PASSWORD as string }
      : undefined,
    tokenSecret: e.TOKEN_SECRET,
    metricsToken: e.METRICS_TOKEN,
    policyFile: e.POLICY_FILE,
    logLevel: e.LOG_LEVEL,
    agentTokenTtlMs: e.AGENT_TOKEN_TTL_MINUTES * 60_000,
    directLineTokensPerMinute: e.DIRECTLINE_TOKENS_PER_MINUTE,
    turnsStartedPerPass: e.TURNS_STARTED_PER_PASS,
    supportHours: e.SUPPORT_HOURS,
    supportTimeZone: e.SUPPORT_TIMEZONE ?? e.DEFAULT_TIMEZONE,
    publicUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : undefined,
    trustProxy: e.TRUST_PROXY,
    fileRetentionDays: e.FILE_RETENTION_DAYS,
    behindHttpProxy: usesHttpProxy(env),
    database: e.DATABASE_URL ? { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE } : undefined,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : undefined,
    mail: e.SMTP_URL
      ? {
          smtpUrl: e.SMTP_URL,
          from: e.MAIL_FROM as string,
          resumeLinkDays: e.RESUME_LINK_DAYS,
          limits: {
            perAddressPerHour: e.MAIL_LIMIT_PER_ADDRESS_PER_HOUR,
            perConversationPerHour: e.MAIL_LIMIT_PER_CONVERSATION_PER_HOUR,
            perHour: e.MAIL_LIMIT_PER_HOUR,
          },
        }
      : undefined,
    routing: {
      agentCapacity: e.AGENT_CAPACITY,
      autoAssign: ON.has(e.AUTO_ASSIGN),
      offlineGraceMs: e.AGENT_OFFLINE_GRACE_SECONDS * 1000,
      reofferMs: e.QUEUE_REOFFER_MINUTES * 60_000,
    },
    timerTargets: { firstResponseMs: e.FIRST_RESPONSE_TARGET_MINUTES * 60_000, waitMs: e.WAIT_TARGET_MINUTES * 60_000 },
    receipts: ON.has(e.RECEIPT_READER) ? { waitMs: e.RECEIPT_READ_WAIT_MS } : null,
    silence: {
      customerRemindMs: e.CUSTOMER_SILENT_REMIND_MINUTES * 60_000,
      customerEndMs: e.CUSTOMER_SILENT_END_MINUTES * 60_000,
      agentRemindMs: e.AGENT_SILENT_REMIND_MINUTES * 60_000,
    },
  };
}

/** Whether the environment routes outgoing HTTP through a proxy (the framework's client honours that; ours does not). */
export const usesHttpProxy = (env: NodeJS.ProcessEnv): boolean =>
  Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);

function isHttpOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && (url.pathname === '/' || url.pathname === '') && !url.search;
  } catch {
    return false;
  }
}

function isRedisUrl(value: string): boolean {
  try {
    return ['redis:', 'rediss:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function isSmtpUrl(value: string): boolean {
  try {
    return ['smtp:', 'smtps:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function isPostgresUrl(value: string): boolean {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function isTrustProxy(value: string): boolean {
  try {
    compileTrust(value);
    return true;
  } catch {
    return false;
  }
}
