import { ActivityTypes, InputHints } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { AgentAccounts } from '../agents/agentAccounts';
import type { AgentFeed } from '../agents/agentFeed';
import type { AgentTokenClaims, AgentTokens } from '../agents/agentTokens';
import type { ProofUploads } from '../attachments/proofUploads';
import type { WarrantyBot } from '../bot/warrantyBot';
import type { BotFrameworkCustomerChannel } from '../channels/botFramework/customerChannel';
import type { ClaimService } from '../claims/claimService';
import type { Clock } from '../clock';
import type { Claim } from '../domain/claim';
import { agentActor } from '../domain/claimLifecycle';
import { DECISION_REASONS, type DecisionReason } from '../domain/eligibility';
import { markdownLiteral } from '../domain/markdownLiteral';
import type { Policy } from '../domain/policy';
import type { TimerHours } from '../domain/responseTimers';
import { greetCustomer } from '../handoff/agentGreeting';
import type { WhoIsOnline } from '../handoff/agentPresence';
import { agentMessage } from '../handoff/chatLines';
import type { Logger } from '../logger';
import { capacityOf } from '../routing/capacity';
import type { ClaimNotes } from '../storage/claimNotes';
import type { ClaimRepository } from '../storage/claimRepository';
import type { Commits } from '../storage/commits';
import { customerConversation } from '../turns/customerConversation';
import type { TurnRunner } from '../turns/turnRunner';
import { DEFAULT_PAGE, pageRequest, sendPage } from './agentQuery';
import { sendFileBytes, sendFileFromDisk } from './fileResponse';
import { fail, route, sendJson } from './http';
import type { JsonBodies } from './jsonBody';
import { requireAgent } from './requireAgent';

export interface AgentActionDeps {
  claims: ClaimService;
  repo: ClaimRepository;
  tokens: AgentTokens;
  accounts: AgentAccounts;
  channel: BotFrameworkCustomerChannel;
  bot: WarrantyBot;
  /** agents' turns in a customer's conversation run in turn with the customer's; answers wait for the commit */
  runner: TurnRunner;
  feed: AgentFeed;
  uploads: ProofUploads;
  policy: Policy;
  notes: ClaimNotes;
  logger: Logger;
  /** JSON bodies within the server's memory budget */
  json: JsonBodies;
  /** an agent is shown a change only once it is committed, and reads only what is */
  commits: Pick<Commits, 'durable' | 'readCommitted' | 'atomically'>;
  /** AGENT_CAPACITY: the open chats of an agent without a capacity of their own */
  agentCapacity: number;
  /** stamps notes: the app's clock, which tests move */
  clock: Clock;
  /** AUTO_ASSIGN: the console tells its agents of a new hand-off only when the router does not give it at once */
  autoAssign: boolean;
  /** SUPPORT_TIMEZONE (in it): the dashboard's "last 7 days" end on the day the stats count as today */
  hours: Pick<TimerHours, 'timeZone'>;
  /** whose agent stream is connected on any instance: a chat is transferred only to a colleague who can see it */
  presence: Pick<WhoIsOnline, 'isOnline'>;
}

const OUTCOMES = ['covered', 'not_covered', 'awaiting_proof'] as const;
const REASONS = DECISION_REASONS;

/** What agents do with a claim: accept, talk, decide, hand back, close — and see its files. */
export function registerAgentActions(server: Server, deps: AgentActionDeps): void {
  const { claims, repo, tokens, accounts, channel, bot, runner, uploads, policy, notes, logger, commits } = deps;
  // JSON only: another content type is a 415 rather than a body read as nothing
  const json = deps.json(64 * 1024);

  const claimFor = async (req: Request): Promise<Claim> => (await repo.get(String(req.params.id))) ?? fail('CLAIM_NOT_FOUND');
  const author = (agent: AgentTokenClaims) => accounts.authorOf(agent.username);
  /** The agent owns the conversation before speaking in it (an admin takes it over first, on the record). */
  const requireOwner = (agent: AgentTokenClaims, claim: Claim) => {
    if (claim.status !== 'with_agent') fail('CONFLICT', 'Accept the claim first.');
    if (claim.handoff.agent !== agent.username) fail('NOT_CLAIM_OWNER');
  };
  const actorOf = (agent: AgentTokenClaims) => agentActor(agent.username, agent.role);
  /** The signed-in agent and the claim of the URL, which must be in that agent's hands. */
  const ownClaim = async (req: Request) => {
    const agent = await requireAgent(tokens, req);
    const claim = await claimFor(req);
    requireOwner(agent, claim);
    return { agent, claim };
  };
  const inConversation = customerConversation(runner, channel, logger);
  const greetAs = greetCustomer(inConversation, (username) => accounts.authorOf(username), policy.brand);
  const greet = (claim: Claim, agent: AgentTokenClaims) => greetAs(claim, agent.username);
  /** Answers the agent once what the route changed is committed: they are never shown what a crash could take back. */
  const answerCommitted = async (res: Response, body: unknown) => {
    await runner.committed();
    sendJson(res, 200, body);
  };
  /** A notice that goes with a change already made and committed: the change stands if the customer cannot be reached (logged). */
  const notify = (delivery: Promise<void>) => delivery.catch(() => undefined);
  /** `typed`: the agent's own words (the message route), whose first meets the first-response target. */
  const say = (claim: Claim, text: string, agent?: AgentTokenClaims, typed = false) =>
    inConversation(claim, async (context) => {
      // stamped in the unit of work that records the message: both are kept, or neither
      if (typed && agent) await claims.recordFirstResponse(claim.id, agent.username);
      await context.sendActivity({
        type: ActivityTypes.Message,
        text,
        inputHint: InputHints.AcceptingInput,
        channelData: agent ? { agentAuthor: await author(agent) } : undefined,
      });
    });

  server.post(
    '/api/agent/claims/:id/accept',
    route(logger, async (req, res) => {
      const agent = await requireAgent(tokens, req);
      const claim = await claimFor(req);
      const accepted = await claims.accept(claim.id, actorOf(agent));
      if (!accepted)
        fail(
          'CONFLICT',
          claim.status === 'with_agent' ? `${claim.handoff.agent} already has this claim.` : 'This claim is not waiting for an agent.',
        );
      await notify(greet(accepted!, agent));
      await answerCommitted(res, accepted);
    }),
  );

  server.post(
    '/api/agent/claims/:id/take-over',
    route(logger, async (req, res) => {
      const agent = await requireAgent(tokens, req);
      if (agent.role !== 'admin') fail('FORBIDDEN', 'Only an admin can take a claim over.');
      const claim = await claimFor(req);
      if (claim.status === 'with_agent' && claim.handoff.agent === agent.username) fail('CONFLICT', 'You already have this claim.');
      const taken = await claims.takeOver(claim.id, actorOf(agent));
      await notify(greet(taken, agent));
      await answerCommitted(res, taken);
    }),
  );

  server.post(
    '/api/agent/claims/:id/transfer',
    json,
    route(logger, async (req, res) => {
      const agent = await requireAgent(tokens, req);
      const to = req.body?.to;
      if (typeof to !== 'string' || !to || to.length > 100) fail('BAD_REQUEST', 'Say who takes the chat over: {"to": username}.');
      const claim = await claimFor(req);
      const found = await accounts.find(to);
      // a disabled account answers as one that does not exist: whether it does is no business of the caller's
      const colleague = found && !found.disabledAt ? found : fail('AGENT_NOT_FOUND');
      if (claim.status !== 'with_agent') fail('CONFLICT', 'Only a chat an agent has can be transferred.');
      if (claim.handoff.agent === colleague.username) fail('CONFLICT', `${colleague.username} already has this chat.`);
      // nobody would see the chat arrive: the customer would wait on someone who is not there
      if (!deps.presence.isOnline(colleague.username)) fail('COLLEAGUE_OFFLINE');
      // the owner or an admin: the lifecycle decides, under the claim's lock; the note is kept with the move, or neither
      const moved = await commits.atomically(async () => {
        const { claim: given, from } = await claims.transfer(claim.id, colleague.username, actorOf(agent));
        await notes.add(claim.id, {
          author: agent.username,
          text: `Transferred from ${from} to ${colleague.username}.`,
          createdAt: deps.clock.now().toISOString(),
        });
        return given;
      });
      await commits.durable();
      const newAuthor = await accounts.authorOf(colleague.username);
      await notify(
        inConversation(moved, async (context) => {
          await context.sendActivity(
            agentMessage(`${markdownLiteral(newAuthor.name)} from ${policy.brand} support is taking over your chat.`, newAuthor),
          );
        }),
      );
      await answerCommitted(res, moved);
    }),
  );

  server.post(
    '/api/agent/claims/:id/messages',
    json,
    route(logger, async (req, res) => {
      const { agent, claim } = await ownClaim(req);
      const text = typeof req.body?.text === 'string' ? req.body.text.trim() : '';
      if (!text || text.length > 4000) fail('BAD_REQUEST', 'A message needs text (at most 4000 characters).');
      await say(claim, text, agent, true);
      await answerCommitted(res, { ok: true });
    }),
  );

  server.post(
    '/api/agent/claims/:id/typing',
    route(logger, async (req, res) => {
      const { agent, claim } = await ownClaim(req);
      await inConversation(claim, async (context) => {
        await context.sendActivity({ type: ActivityTypes.Typing, channelData: { agentAuthor: await author(agent) } });
      });
      await answerCommitted(res, { ok: true });
    }),
  );

  server.post(
    '/api/agent/claims/:id/resolve',
    json,
    route(logger, async (req, res) => {
      const { agent, claim } = await ownClaim(req);
      const { outcome, reasons, note } = (req.body ?? {}) as { outcome?: unknown; reasons?: unknown; note?: unknown };
      if (!OUTCOMES.includes(outcome as (typeof OUTCOMES)[number])) fail('BAD_REQUEST', `outcome must be one of ${OUTCOMES.join(', ')}.`);
      const reasonList = Array.isArray(reasons) ? reasons : [];
      if (reasonList.some((r) => !REASONS.includes(r))) fail('BAD_REQUEST', `reasons must be among ${REASONS.join(', ')}.`);
      if (outcome === 'not_covered' && reasonList.length === 0) fail('BAD_REQUEST', 'Say why it is not covered (reasons).');
      // design.md's table: missing proof is never a denial, and a claim waits for proof only because proof is missing
      if (outcome === 'not_covered' && reasonList.includes('no_proof_of_purchase'))
        fail('BAD_REQUEST', 'Missing proof is never a reason to deny a claim: use awaiting_proof.');
      if (outcome === 'awaiting_proof' && reasonList.some((r) => r !== 'no_proof_of_purchase'))
        fail('BAD_REQUEST', 'A claim waits for proof only for no_proof_of_purchase; another reason means not_covered.');
      const finalReasons =
        outcome === 'awaiting_proof' && reasonList.length === 0 ? ['no_proof_of_purchase' as const] : (reasonList as DecisionReason[]);
      const decided = await claims.resolveByAgent(
        claim.id,
        outcome as (typeof OUTCOMES)[number],
        outcome === 'covered' ? [] : finalReasons,
        typeof note === 'string' ? note.slice(0, 2000) : null,
        actorOf(agent),
      );
      // the customer is told by the claim.decided listener (decisionNotices)
      await answerCommitted(res, decided);
    }),
  );

  server.post(
    '/api/agent/claims/:id/return-to-bot',
    route(logger, async (req, res) => {
      const agent = await requireAgent(tokens, req);
      const back = await claims.returnToBot((await claimFor(req)).id, actorOf(agent));
      await notify(inConversation(back, (context) => bot.proactive(context, { kind: 'resume' })));
      await answerCommitted(res, await claims.get(back.id));
    }),
  );

  server.post(
    '/api/agent/claims/:id/close',
    route(logger, async (req, res) => {
      const agent = await requireAgent(tokens, req);
      // the agent who owns it, or an admin: the lifecycle decides
      const closed = await claims.close((await claimFor(req)).id, actorOf(agent), 'close');
      await notify(say(closed, `This conversation has been closed by ${policy.brand} support. Thank you for contacting us!`, agent));
      await answerCommitted(res, closed);
    }),
  );

  server.post(
    '/api/agent/claims/:id/notes',
    json,
    route(logger, async (req, res) => {
      const agent = await requireAgent(tokens, req);
      const claim = await claimFor(req);
      const text = typeof req.body?.text === 'string' ? req.body.text.trim() : '';
      if (!text || text.length > 4000) fail('BAD_REQUEST', 'A note needs text (at most 4000 characters).');
      await notes.add(claim.id, { author: agent.username, text, createdAt: deps.clock.now().toISOString() });
      await commits.durable();
      sendPage(req, res, await notes.page(claim.id, DEFAULT_PAGE, null), DEFAULT_PAGE);
    }),
  );

  server.get(
    '/api/agent/claims/:id/notes',
    route(logger, async (req, res) => {
      await requireAgent(tokens, req);
      const { limit, cursor } = pageRequest(req);
      sendPage(req, res, await commits.readCommitted(async () => notes.page((await claimFor(req)).id, limit, cursor)), limit);
    }),
  );

  server.get(
    '/api/agent/canned',
    route(logger, async (req, res) => {
      await requireAgent(tokens, req);
      sendJson(res, 200, [
        ...policy.faq.map((f) => ({ id: f.id, text: f.answer })),
        { id: 'how_to_get_copy', text: policy.proof.howToGetCopy },
        { id: 'upload_request', text: 'Could you upload a photo or PDF of your receipt here with the paperclip button?' },
      ]);
    }),
  );

  server.get(
    '/api/agent/files/:id',
    route(logger, async (req, res: Response) => {
      await requireAgent(tokens, req);
      const file = (await uploads.locate(String(req.params.id))) ?? fail('NOT_FOUND', 'The file is no longer kept.');
      if ('bytes' in file) sendFileBytes(res, file, file.bytes);
      else await sendFileFromDisk(res, file, file.file);
    }),
  );

  server.get(
    '/api/agent/colleagues',
    route(logger, async (req, res) => {
      await requireAgent(tokens, req);
      sendJson(res, 200, await accounts.colleagues());
    }),
  );

  server.get(
    '/api/agent/me',
    route(logger, async (req, res) => {
      const agent = await requireAgent(tokens, req);
      const account = await accounts.find(agent.username);
      // the console's "2/3": how many chats are theirs now, and how many the router gives them at most
      const openChats = (await commits.readCommitted(() => repo.chatsOf(agent.username))).length;
      // autoAssign: the console chimes for a new hand-off only when the router will not give it to someone at once
      sendJson(
        res,
        200,
        account && {
          ...account,
          openChats,
          effectiveCapacity: capacityOf(deps, account),
          autoAssign: deps.autoAssign,
          supportTimeZone: deps.hours.timeZone,
        },
      );
    }),
  );
}
