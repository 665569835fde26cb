import { type Activity, TestAdapter, type TurnContext } from 'botbuilder';
import { durableReplies } from '../../src/turns/durableReplies';

/** A commit log: what the turn wrote is "committed" only when durable() or flush() is called. */
function fakeCommits(options: { failing?: boolean } = {}) {
  const log: string[] = [];
  return {
    log,
    durable: async () => {
      log.push('commit');
      if (options.failing) throw new Error('test: the disk is full');
    },
    flush: () => {
      log.push('flush');
    },
    commitNow: async () => {
      log.push('flush');
    },
  };
}

async function turn(commits: ReturnType<typeof fakeCommits>, logic: (context: TurnContext) => Promise<void>) {
  const sent: string[] = [];
  const adapter = new TestAdapter(async (context) => logic(context)).use(durableReplies(commits));
  adapter.onTurnError = async () => {
    commits.log.push('turn failed');
  };
  const wire = adapter.sendActivities.bind(adapter);
  adapter.sendActivities = async (context, activities: Partial<Activity>[]) => {
    for (const a of activities) {
      sent.push(a.text ?? '');
      commits.log.push(`sent ${a.text}`);
    }
    return wire(context, activities);
  };
  await adapter.send('hi');
  return sent;
}

describe('durableReplies: what the customer reads is committed first', () => {
  test("a turn's replies leave together after its logic is done, after one wait for the commit", async () => {
    const commits = fakeCommits();
    const sent = await turn(commits, async (context) => {
      await context.sendActivity('Thanks.');
      await context.sendActivity({ text: 'When did you buy it?', inputHint: 'expectingInput' });
      commits.log.push('state saved'); // the dialog state is written after the last prompt
    });
    expect(sent).toEqual(['Thanks.', 'When did you buy it?']);
    expect(commits.log).toEqual(['state saved', 'commit', 'sent Thanks.', 'sent When did you buy it?']);
  });

  test('a turn that fails sends nothing it held (it may speak of rolled-back writes)', async () => {
    const commits = fakeCommits();
    const sent = await turn(commits, async (context) => {
      await context.sendActivity('Your RMA number is RMA-2026-000001.');
      throw new Error('test: the turn failed');
    });
    expect(sent).toEqual([]);
    expect(commits.log).toEqual(['turn failed']);
  });

  test('a failed commit: the replies never leave and the turn fails', async () => {
    const commits = fakeCommits({ failing: true });
    const sent = await turn(commits, async (context) => {
      await context.sendActivity('Your RMA number is RMA-2026-000001.');
    });
    expect(sent).toEqual([]);
    expect(commits.log).toEqual(['commit', 'turn failed']);
  });

  test('a turn with nothing to say waits for nothing', async () => {
    const commits = fakeCommits();
    expect(await turn(commits, async () => {})).toEqual([]);
    expect(commits.log).toEqual([]);
  });
});
