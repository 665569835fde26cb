import type { Request, Server } from 'restify';
import type { AgentAccounts } from '../agents/agentAccounts';
import type { AgentTokens } from '../agents/agentTokens';
import type { Clock } from '../clock';
import type { Claim } from '../domain/claim';
import { addressKey } from '../domain/emailAddress';
import type { Logger } from '../logger';
import { type CustomerMail, knownAddress } from '../mail/customerMail';
import type { ClaimNotes } from '../storage/claimNotes';
import type { ClaimRepository } from '../storage/claimRepository';
import type { Commits } from '../storage/commits';
import type { MailStatus, Outbox, OutboxEntry } from '../storage/outbox';
import { pageRequest, sendPage, single } from './agentQuery';
import { fail, route, sendJson } from './http';
import type { JsonBodies } from './jsonBody';
import { requireAdmin, requireAgent } from './requireAgent';

const MAX_EMAIL_CHARS = 10_000;
const STATUSES: MailStatus[] = ['waiting', 'sent', 'failed'];

export interface AgentMailDeps {
  repo: ClaimRepository;
  tokens: AgentTokens;
  accounts: AgentAccounts;
  notes: ClaimNotes;
  logger: Logger;
  json: JsonBodies;
  clock: Clock;
  commits: Pick<Commits, 'durable' | 'readCommitted' | 'atomically'>;
  /** Absent without SMTP_URL: nothing is sent by email. */
  mail?: CustomerMail;
  outbox: Outbox;
  /** Puts the agent's words into the customer's chat too, so the link in the mail shows them (delivery failures are the caller's to log). */
  intoChat(claim: Claim, text: string, author: { username: string; name: string }): Promise<void>;
  /** Mail just re-queued by an agent goes out at once. */
  queued(): void;
}

/** An outbox entry as agents see it: what, to whom, and how it went — not its bodies. */
const listed = ({ text: _text, html: _html, ...entry }: OutboxEntry) => entry;

/**
 * Agents email a customer who left the chat, and see the outbox: what was sent, what waits, what
 * failed and why. Admins see the addresses mail is kept from (suppressed after a bounce) and lift them.
 */
export function registerAgentMailRoutes(server: Server, deps: AgentMailDeps): void {
  const { repo, tokens, accounts, notes, logger, commits, outbox, clock } = deps;
  const json = deps.json(64 * 1024);
  const claimFor = async (req: Request): Promise<Claim> => (await repo.get(String(req.params.id))) ?? fail('CLAIM_NOT_FOUND');

  server.post(
    '/api/agent/claims/:id/email',
    json,
    route(logger, async (req, res) => {
      const agent = await requireAgent(tokens, req);
      const claim = await claimFor(req);
      // while another agent has the conversation, they answer it (an admin may still write)
      if (claim.status === 'with_agent' && claim.handoff.agent !== agent.username && agent.role !== 'admin') fail('NOT_CLAIM_OWNER');
      const text = typeof req.body?.text === 'string' ? req.body.text.trim() : '';
      if (!text || text.length > MAX_EMAIL_CHARS) fail('BAD_REQUEST', `An email needs text (at most ${MAX_EMAIL_CHARS} characters).`);
      const mail = deps.mail ?? fail('MAIL_NOT_SET_UP');
      const to = knownAddress(claim) ?? fail('NO_CUSTOMER_EMAIL');
      const author = await accounts.authorOf(agent.username);
      // the mail and its note are kept together: a resend after a failure does not mail the customer twice
      const result = await commits.atomically(async () => {
        const queued = await mail.agentReply(claim, author, text);
        const note = `Emailed the customer (${to}): ${text}`;
        if (queued.queued) await notes.add(claim.id, { author: agent.username, text: note, createdAt: clock.now().toISOString() });
        return queued;
      });
      if (!result.queued) return result.why === 'bounced' ? fail('ADDRESS_SUPPRESSED', `(${to})`) : fail('CONFLICT', `Cannot email ${to}.`);
      await commits.durable();
      // the chat shows it too, for when the customer comes back through the link; the mail is what counts
      await deps
        .intoChat(claim, text, author)
        .catch((error) => logger.warn({ err: error, claimId: claim.id }, 'emailed reply not put into the chat'));
      sendJson(res, 200, listed(result.entry));
    }),
  );

  server.get(
    '/api/agent/claims/:id/email',
    route(logger, async (req, res) => {
      await requireAgent(tokens, req);
      const { limit, cursor } = pageRequest(req);
      const page = await commits.readCommitted(async () => outbox.page({ claimId: (await claimFor(req)).id }, limit, cursor));
      sendPage(req, res, { ...page, items: page.items.map(listed) }, limit);
    }),
  );

  server.get(
    '/api/agent/outbox',
    route(logger, async (req, res) => {
      await requireAgent(tokens, req);
      const status = single(req, 'status');
      if (status !== undefined && !STATUSES.includes(status as MailStatus))
        fail('BAD_REQUEST', `status must be one of ${STATUSES.join(', ')}.`);
      const { limit, cursor } = pageRequest(req);
      const page = await commits.readCommitted(() => outbox.page({ status: status as MailStatus | undefined }, limit, cursor));
      sendPage(req, res, { ...page, items: page.items.map(listed) }, limit);
    }),
  );

  server.get(
    '/api/agent/mail-settings',
    route(logger, async (req, res) => {
      await requireAgent(tokens, req);
      sendJson(res, 200, { enabled: Boolean(deps.mail) });
    }),
  );

  // the addresses whose mailbox the mail server said does not exist: nothing goes there for SUPPRESSION_DAYS
  server.get(
    '/api/agent/suppressions',
    route(logger, async (req, res) => {
      await requireAdmin(tokens, req);
      const { limit, cursor } = pageRequest(req);
      sendPage(req, res, await commits.readCommitted(() => outbox.listSuppressions(limit, cursor)), limit);
    }),
  );

  // the customer says the address works now (a typo fixed at their provider, a mailbox made): mail may go there again
  server.del(
    '/api/agent/suppressions/:address',
    route(logger, async (req, res) => {
      const admin = await requireAdmin(tokens, req);
      const address = String(req.params.address);
      if (!(await outbox.liftSuppression(address))) fail('NOT_FOUND', 'No suppression is in force for that address.');
      await commits.durable();
      logger.info({ admin: admin.username }, 'mail suppression lifted');
      res.status(204);
      res.end();
    }),
  );

  server.post(
    '/api/agent/outbox/:id/retry',
    route(logger, async (req, res) => {
      await requireAgent(tokens, req);
      const id = String(req.params.id);
      const mail = (await outbox.get(id)) ?? fail('NOT_FOUND', 'There is no mail with that id.');
      // it would only fail again: the mail server said that mailbox does not exist (an admin may lift that)
      if (await outbox.isSuppressed(addressKey(mail.to))) fail('ADDRESS_SUPPRESSED', `(${mail.to})`);
      if (!(await outbox.retry(id, clock.now().toISOString()))) fail('CONFLICT', 'Only a failed mail can be sent again.');
      await commits.durable();
      deps.queued();
      sendJson(res, 200, listed((await outbox.get(id)) as OutboxEntry));
    }),
  );
}
