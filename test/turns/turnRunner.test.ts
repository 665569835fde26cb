import { TestAdapter, type TurnContext } from 'botbuilder';
import { COMMIT_AT_ONCE } from '../../src/turns/durableReplies';
import { TurnRunner } from '../../src/turns/turnRunner';

/** A bot that logs its turns, and commits that log when they happen. */
function setUp() {
  const log: string[] = [];
  const bot = {
    onTurn: async (context: TurnContext) => {
      log.push(`turn ${context.activity.text}${context.turnState.get(COMMIT_AT_ONCE) ? ' (at once)' : ''}`);
    },
  };
  const commits = {
    durable: async () => {
      log.push('durable');
    },
    unit: <T>(work: () => Promise<T>) => work(),
    flush: () => {
      log.push('flush');
    },
    commitNow: async () => {
      log.push('flush');
    },
  };
  const adapter = new TestAdapter();
  // the transport a channel would give: run the runner's logic on this activity
  const transport = (text: string) => (logic: (context: TurnContext) => Promise<void>) =>
    adapter.processActivity({ ...adapter.makeActivity(text) }, logic);
  return { log, runner: new TurnRunner(bot, commits, 0), transport };
}

describe('TurnRunner', () => {
  test('a turn is committed with the pass before the channel answers; a turn that goes ahead commits at once', async () => {
    const { log, runner, transport } = setUp();
    await runner.run('c1', transport('hello'));
    await runner.run('c1', transport('receipt'), { ahead: true });
    expect(log).toEqual(['turn hello', 'durable', 'turn receipt (at once)', 'flush']);
  });

  test("a conversation's turns run one after another, a proactive turn in the same line", async () => {
    const { log, runner, transport } = setUp();
    let release = () => {};
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const first = runner.run('c1', async (logic) => {
      await blocked;
      await transport('first')(logic);
    });
    const agent = runner.runProactive('c1', async () => log.push('agent'));
    const other = runner.run('c2', transport('other conversation'));
    await other;
    expect(log).toEqual(['turn other conversation', 'durable']);
    release();
    await Promise.all([first, agent]);
    expect(log.slice(2)).toEqual(['turn first', 'durable', 'agent']);
  });

  test('shutdown waits for the turns under way, not for a deadline once they are done', async () => {
    const { runner, transport } = setUp();
    let release = () => {};
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const turn = runner.run('c1', async (logic) => {
      await blocked;
      await transport('late')(logic);
    });
    let settled = false;
    const settling = runner.settle(Date.now() + 60_000).then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    release();
    await turn;
    await settling;
    expect(settled).toBe(true);
  });

  test("shutdown waits for an agent's turn under way too (its message must not be committed and then cut from its answer)", async () => {
    const { runner } = setUp();
    let release = () => {};
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const agentMessage = runner.runProactive('c1', () => blocked);
    let settled = false;
    const settling = runner.settle(Date.now() + 60_000).then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    release();
    await agentMessage;
    await settling;
    expect(settled).toBe(true);
  });
});
