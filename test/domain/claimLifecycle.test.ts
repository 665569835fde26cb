import type { ClaimStatus } from '../../src/domain/claim';
import { type ActorKind, type ClaimAction, mayEdit, mayTransition, systemActor } from '../../src/domain/claimLifecycle';

const STATUSES: ClaimStatus[] = ['in_progress', 'rma_issued', 'not_covered', 'awaiting_proof', 'pending_agent', 'with_agent', 'closed'];
const ACTIONS: ClaimAction[] = [
  'decide',
  'hand_off',
  'cancel',
  'start_over',
  'accept',
  'take_over',
  'transfer',
  'resolve',
  'return_to_bot',
  'close',
  'assign',
  'requeue',
  'expire',
];
const KINDS: ActorKind[] = ['bot', 'customer', 'agent', 'admin', 'system'];

// design.md's "claim's life", written out edge by edge (independently of the table under test):
// "from action by → to"; `owner` marks the edges only the agent holding the claim may take.
const ALLOWED = `
in_progress decide bot → rma_issued | not_covered | awaiting_proof
awaiting_proof decide bot → rma_issued | not_covered | awaiting_proof
in_progress hand_off bot → pending_agent
rma_issued hand_off bot → pending_agent
not_covered hand_off bot → pending_agent
awaiting_proof hand_off bot → pending_agent
in_progress cancel bot → closed
in_progress start_over bot → closed
pending_agent cancel customer → closed
pending_agent accept agent → with_agent
pending_agent accept admin → with_agent
pending_agent take_over admin → with_agent
with_agent take_over admin → with_agent
with_agent transfer agent owner → with_agent
with_agent transfer admin → with_agent
with_agent resolve agent owner → rma_issued | not_covered | awaiting_proof
with_agent resolve admin owner → rma_issued | not_covered | awaiting_proof
with_agent return_to_bot agent owner → in_progress | rma_issued | not_covered | awaiting_proof
with_agent return_to_bot admin owner → in_progress | rma_issued | not_covered | awaiting_proof
pending_agent return_to_bot agent → in_progress | rma_issued | not_covered | awaiting_proof
pending_agent return_to_bot admin → in_progress | rma_issued | not_covered | awaiting_proof
with_agent close agent owner → closed
with_agent close admin owner → closed
pending_agent assign system → with_agent
with_agent requeue system → pending_agent
with_agent requeue admin → pending_agent
in_progress expire system → closed
`
  .trim()
  .split('\n')
  .flatMap((line) => {
    const [left, right] = line.split(' → ');
    const [from, action, by, owner] = left.split(' ');
    return right.split(' | ').map((to) => ({ from, action, by, to, ownerOnly: owner === 'owner' }));
  });

const key = (from: string, action: string, by: string, to: string) => `${from} ${action} ${by} → ${to}`;
const allowed = new Map(ALLOWED.map((e) => [key(e.from, e.action, e.by, e.to), e.ownerOnly]));
const everyEdge = STATUSES.flatMap((from) =>
  ACTIONS.flatMap((action) => KINDS.flatMap((by) => STATUSES.map((to) => ({ from, action, by, to })))),
);

describe('the claim lifecycle', () => {
  test.each(ALLOWED.map((e) => [key(e.from, e.action, e.by, e.to), e] as const))('allows %s', (_name, e) => {
    const actor = { kind: e.by as ActorKind, id: 'ana' };
    expect(
      mayTransition({ ...e, action: e.action as ClaimAction, from: e.from as ClaimStatus, to: e.to as ClaimStatus, actor, owner: 'ana' }),
    ).toEqual({
      ok: true,
    });
  });

  test.each(ALLOWED.filter((e) => e.ownerOnly).map((e) => [key(e.from, e.action, e.by, e.to), e] as const))(
    'refuses %s to an agent who does not hold the claim',
    (_name, e) => {
      const verdict = mayTransition({
        from: e.from as ClaimStatus,
        to: e.to as ClaimStatus,
        action: e.action as ClaimAction,
        actor: { kind: e.by as ActorKind, id: 'bo' },
        owner: 'ana',
      });
      expect(verdict).toEqual({ ok: false, refusal: 'not_owner' });
    },
  );

  // every other combination of status × action × actor × status is forbidden: one case each
  const forbidden = everyEdge.filter((e) => !allowed.has(key(e.from, e.action, e.by, e.to)));
  test.each(forbidden.map((e) => [key(e.from, e.action, e.by, e.to), e] as const))('refuses %s', (_name, e) => {
    expect(mayTransition({ ...e, actor: { kind: e.by, id: 'ana' }, owner: 'ana' })).toEqual({ ok: false, refusal: 'no_such_transition' });
  });

  test('nothing leaves closed, whoever asks', () => {
    expect(everyEdge.filter((e) => e.from === 'closed').every((e) => !allowed.has(key(e.from, e.action, e.by, e.to)))).toBe(true);
    expect(forbidden.filter((e) => e.from === 'closed')).toHaveLength(ACTIONS.length * KINDS.length * STATUSES.length);
  });

  describe('edits that do not change the status', () => {
    test.each([
      ['bot', 'in_progress', true],
      ['bot', 'rma_issued', true], // CSAT after a decision
      ['bot', 'awaiting_proof', true],
      ['bot', 'pending_agent', false],
      ['bot', 'with_agent', false],
      ['bot', 'closed', false],
      ['customer', 'pending_agent', true], // a call-back email while waiting
      ['customer', 'in_progress', false],
      ['customer', 'closed', false],
      ['agent', 'with_agent', false],
      ['system', 'in_progress', false],
    ] as const)('%s on a %s claim: %s', (kind, status, expected) => {
      expect(mayEdit(status, { kind, id: null })).toBe(expected);
    });

    test.each([
      ['idle', 'with_agent', true], // the silence watch's stamps
      ['idle', 'pending_agent', false],
      ['idle', 'in_progress', false],
      ['idle', 'closed', false],
      ['routing', 'with_agent', false],
    ] as const)('the %s timer on a %s claim: %s', (timer, status, expected) => {
      expect(mayEdit(status, systemActor(timer))).toBe(expected);
    });
  });
});
