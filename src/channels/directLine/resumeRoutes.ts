import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Response, Server } from 'restify';
import { AppError } from '../../errors';
import type { ResumeLinks } from '../../mail/resumeLinks';
import { fail, route, sendJson } from '../../server/http';
import { publicFile, sendFile } from '../../server/pages';
import type { DirectLineDeps } from './directLineDeps';
import { limit } from './requestChecks';

/** A resume POST holds a token and nothing else. */
const RESUME_BODY_BYTES = 4 * 1024;

/**
 * The pages of a link carry its token in their URL: no Referer may take it anywhere (not even to our
 * own scripts and styles, whose requests could be logged), and no cache may keep the page.
 */
const LINK_PAGE_HEADERS = { 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' };

/**
 * The link back to a conversation, from a customer's email: `GET /resume/:token` serves the help page
 * (whose script trades the token for a session), or a page saying the link has expired (410) or is not
 * valid (404); `POST /api/directline/resume` `{link}` gives a fresh Direct Line token for that same
 * conversation and its own user, so the customer's history shows as theirs and they can carry on.
 *
 * The link reopens the conversation here and closes it everywhere else: every earlier session of it
 * (its tokens, refreshes, stream tickets and open streams, on every instance) ends with the resume.
 * Whoever had the transcript mailed to someone else's address cannot read what that person types.
 */
export function registerResumeRoutes(
  server: Server,
  deps: Pick<DirectLineDeps, 'store' | 'tokens' | 'logger' | 'addressOf' | 'json' | 'origin'>,
  resumeLinks: ResumeLinks,
  /** Direct Line sessions handed out per client address: new chats and resumed ones take from the same */
  sessions: RateLimiterAbstract,
): void {
  const { store, tokens, logger } = deps;

  /** The conversation a link opens, as it is stored; the error to answer otherwise. */
  const conversationOf = async (token: unknown) => {
    const link = resumeLinks.verify(token);
    if (link === 'expired') fail('RESUME_LINK_EXPIRED');
    if (link === 'invalid') fail('RESUME_LINK_NOT_VALID');
    const { conversationId } = link as { conversationId: string };
    // signed by us, for a conversation this store does not have (deleted, or another deployment's with the same secret)
    return (await store.conversation(conversationId)) ?? fail('RESUME_LINK_NOT_VALID');
  };

  const page = (res: Response, name: string, status: number) =>
    sendFile(res, publicFile(name), deps.origin(), { status, headers: LINK_PAGE_HEADERS });

  server.get(
    // a wildcard: restify's router refuses a named parameter over 100 characters, and a token is longer
    '/resume/*',
    route(logger, async (req, res) => {
      try {
        await conversationOf(req.params['*']);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'RESUME_LINK_EXPIRED') return page(res, 'resume-expired.html', 410);
        if (error.code === 'RESUME_LINK_NOT_VALID') return page(res, 'resume-invalid.html', 404);
        throw error;
      }
      page(res, 'index.html', 200);
    }),
  );

  server.post(
    '/api/directline/resume',
    deps.json(RESUME_BODY_BYTES),
    route(logger, async (req, res) => {
      // counted before the token is looked at: guessing costs the guesser as much as using
      await limit(sessions, deps.addressOf(req), res);
      const link = (req.body as { link?: unknown } | undefined)?.link;
      if (typeof link !== 'string' || !link) fail('BAD_REQUEST', 'Send {"link": "<the token from the link>"}.');
      const conversation = await conversationOf(link);
      const resume = tokens.sessions.next(conversation.id);
      // kept before the session starts: an instance that starts later (or a restart) refuses the old sessions too
      await store.recordResume(conversation.id, resume);
      await store.readCommitted(() => undefined);
      // here at once (this instance's streams close), then the other instances (relayResumes)
      tokens.sessions.learn(conversation.id, resume, true);
      const { token, expiresIn } = tokens.issue({
        userId: conversation.userId,
        conversationId: conversation.id,
        sessionId: resume.sessionId,
      });
      sendJson(res, 200, { token, conversationId: conversation.id, userId: conversation.userId, expires_in: expiresIn });
    }),
  );
}
