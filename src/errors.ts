/**
 * One catalogue of the errors the server reports: a stable code, the HTTP status, and a
 * message that is safe to show to the person who made the request.
 */
export const ERRORS = {
  BAD_REQUEST: { status: 400, message: 'The request is not valid.' },
  BAD_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  NOT_AN_ACTIVITY: { status: 400, message: 'The body is not a Bot Framework activity.' },
  UNHANDLED_INVOKE: { status: 400, message: 'This bot does not handle that invoke activity.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in first: send Authorization: Bearer <token>.' },
  CHANNEL_UNAUTHENTICATED: { status: 401, message: 'The channel did not send a valid Bot Framework token.' },
  BAD_CREDENTIALS: { status: 401, message: 'Wrong username or password.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do that.' },
  ACCOUNT_DISABLED: { status: 403, message: 'This account is disabled: ask an admin to enable it.' },
  LOCAL_MODE_ONLY_LOOPBACK: {
    status: 403,
    message: 'Without MicrosoftAppId the bot only serves loopback callers and loopback serviceUrls.',
  },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  CLAIM_NOT_FOUND: { status: 404, message: 'There is no claim with that id.' },
  AGENT_NOT_FOUND: { status: 404, message: 'There is no agent with that username.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This resource does not answer that method.' },
  RESUME_LINK_NOT_VALID: { status: 404, message: 'This link to a conversation is not valid.' },
  RESUME_LINK_EXPIRED: {
    status: 410,
    message: 'This link to your conversation has expired. Your claim is kept: start a new chat, and ask for a person if you need one.',
  },
  SESSION_ENDED: {
    status: 403,
    message:
      'This conversation was opened from the link in our email on another device or tab, which closed it here. Open the link again to carry on here, or start a new chat.',
  },
  NOT_CLAIM_OWNER: { status: 403, message: 'Another agent has this claim.' },
  CLAIM_TRANSITION_REFUSED: { status: 409, message: 'This claim cannot make that change now.' },
  CONFLICT: { status: 409, message: 'Someone else changed this first.' },
  COLLEAGUE_OFFLINE: {
    status: 409,
    message: 'That colleague is not connected to the console: they would not see the chat. Transfer it to someone who is online.',
  },
  AGENT_EXISTS: { status: 409, message: 'There is already an agent with that username.' },
  LAST_ADMIN: { status: 409, message: 'This is the last enabled admin: make another admin first.' },
  NO_CUSTOMER_EMAIL: { status: 409, message: 'No email address is known for this customer.' },
  MAIL_NOT_SET_UP: { status: 409, message: 'Email is not set up on this server (SMTP_URL).' },
  ADDRESS_SUPPRESSED: {
    status: 409,
    message: 'Mail to this address bounced: the mail server said the mailbox does not exist. An admin can lift that in the Outbox.',
  },
  TOO_LARGE: { status: 413, message: 'The request is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send application/json.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; wait a moment and try again.' },
  DELIVERY_FAILED: { status: 502, message: "The customer's chat could not be reached; the message was not delivered." },
  INTERNAL: { status: 500, message: 'Something went wrong on our side. It has been logged.' },
  NOT_READY: { status: 503, message: 'The service is starting, stopping, or cannot reach its database: try again in a moment.' },
  STATS_BUSY: {
    status: 503,
    message: 'The figures are being worked out for other requests just now: try again in a moment.',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    message: 'Our database cannot be reached just now; nothing of this request was kept. Try again in a moment.',
  },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
  ) {
    super(detail ? `${ERRORS[code].message} ${detail}` : ERRORS[code].message);
    this.status = ERRORS[code].status;
  }

  toJSON() {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Throws the catalogue's error: `x ?? fail('NOT_FOUND')` reads as what it means. */
export const fail = (code: ErrorCode, detail?: string): never => {
  throw new AppError(code, detail);
};
