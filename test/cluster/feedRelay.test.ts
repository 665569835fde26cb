import type { AgentFeedEvent } from '../../src/agents/agentFeed';
import { feedOfEveryInstance } from '../../src/cluster/relays';

/*
 * The agents' feed goes over the bus only while agents are connected to other instances. An agent who
 * connects to B is announced to A, but B's console reads its lists when its stream opens, which may be
 * before A hears of them: a customer's message stored on A in between went to nobody. A, on first
 * hearing of agents elsewhere, tells their consoles to read again. A bus and a presence of the test's
 * own: what is published is recorded, and who is online elsewhere changes when the test says.
 */
function instanceA(agentsElsewhereAtStart: boolean) {
  const onBus: AgentFeedEvent[] = [];
  const here: AgentFeedEvent[] = [];
  let agentsElsewhere = agentsElsewhereAtStart;
  const listeners: (() => void)[] = [];
  const relayed = feedOfEveryInstance(
    { publish: (event) => here.push(event), endRevokedSessions: async () => undefined },
    {
      subscribe: async () => undefined,
      onResumed: () => undefined,
      publish: (_name, message) => void onBus.push(message.event as AgentFeedEvent),
    },
    {
      anyOnlineElsewhere: () => agentsElsewhere,
      onChange: (listener) => {
        listeners.push(listener);
        return () => undefined;
      },
    },
  );
  /** Another instance says who is connected to it (an announcement or a heartbeat). */
  const heard = (online: boolean) => {
    agentsElsewhere = online;
    for (const listener of listeners) listener();
  };
  return { relayed, onBus, here, heard };
}

const message = (text: string): AgentFeedEvent => ({
  type: 'customer.message',
  claimId: 'c-1',
  conversationId: 'conv-1',
  text,
  attachments: [],
  timestamp: '2026-03-02T17:30:00.000Z',
});

describe("the agents' feed across instances", () => {
  test('a message published before the agent elsewhere was heard of stays here; hearing of them sends their consoles a resync', () => {
    const a = instanceA(false);
    a.relayed.publish(message('is anyone there?'));
    expect(a.onBus).toEqual([]);
    a.heard(true);
    expect(a.onBus).toEqual([{ type: 'feed.resync' }]);
    // the next heartbeat says the same: nothing more to read again
    a.heard(true);
    a.relayed.publish(message('hello?'));
    expect(a.onBus).toEqual([{ type: 'feed.resync' }, message('hello?')]);
    expect(a.here).toEqual([message('is anyone there?'), message('hello?')]);
  });

  test('agents gone and back: what was published meanwhile is read again; agents there from the start need no resync', () => {
    const a = instanceA(true);
    a.heard(true);
    a.relayed.publish(message('one'));
    expect(a.onBus).toEqual([message('one')]);
    a.heard(false);
    a.relayed.publish(message('two'));
    a.heard(true);
    expect(a.onBus).toEqual([message('one'), { type: 'feed.resync' }]);
  });
});
