import type { Activity, TurnContext } from 'botbuilder';
import { decisionNotices } from '../../src/claims/decisionNotices';
import { type Claim, newClaim } from '../../src/domain/claim';
import { qseePolicy } from '../helpers/policy';

function decided(by: 'bot' | 'agent'): Claim {
  const claim = newClaim('c-1', 'conv-1', new Date('2026-03-02T17:30:00Z'), 'qsee-2026-1', 'UTC');
  claim.status = 'awaiting_proof';
  claim.decision = { ...claim.decision, outcome: 'awaiting_proof', reasons: ['no_proof_of_purchase'], decidedBy: by };
  claim.handoff = { ...claim.handoff, agent: by === 'agent' ? 'ana' : null };
  return claim;
}

function listener() {
  const sent: Array<Partial<Activity> | string> = [];
  const context = { sendActivity: async (a: Partial<Activity>) => sent.push(a) } as unknown as TurnContext;
  const notices = decisionNotices({
    policy: qseePolicy(),
    inConversation: (_claim, logic) => logic(context),
    authorOf: async (username) => ({ username, name: 'Ana from support' }),
    askHowWeDid: async (_context, claimId) => {
      sent.push(`csat ${claimId}`);
    },
  });
  return { sent, notices };
}

describe('decisionNotices', () => {
  test("an agent's decision is explained in the agent's name, then the assistant asks how we did", async () => {
    const { sent, notices } = listener();
    await notices({ type: 'claim.decided', claim: decided('agent') });
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({
      text: expect.stringContaining('I just need a digital copy of your proof of purchase'),
      inputHint: 'acceptingInput',
      channelData: { agentAuthor: { username: 'ana', name: 'Ana from support' } },
    });
    expect(sent[1]).toBe('csat c-1');
  });

  test("the assistant's own decision is left to the dialog that made it, and other events are ignored", async () => {
    const { sent, notices } = listener();
    await notices({ type: 'claim.decided', claim: decided('bot') });
    await notices({ type: 'claim.updated', claim: decided('agent') });
    expect(sent).toEqual([]);
  });
});
