import { bringsFileToDownload, TurnAdmission } from '../../src/turns/turnAdmission';
import { TurnQueue } from '../../src/turns/turnQueue';

// A pass of the event loop ends with its setImmediate callbacks; awaiting one from the test,
// registered after the admission's own, lets exactly one more window open.
const nextPass = () => new Promise((resolve) => setImmediate(resolve));
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('TurnAdmission', () => {
  test('starts at most perPass turns a pass, the rest in later passes in the order they came', async () => {
    const admission = new TurnAdmission(2);
    const started: number[] = [];
    for (let i = 0; i < 5; i++) void admission.admit().then(() => started.push(i));
    await settle();
    expect(started).toEqual([0, 1]);
    expect(admission.queued).toBe(3);
    await nextPass();
    expect(started).toEqual([0, 1, 2, 3]);
    await nextPass();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(admission.queued).toBe(0);
  });

  test('turns that go ahead start before the others waiting, in the order they came', async () => {
    const admission = new TurnAdmission(2);
    const started: string[] = [];
    const admit = (name: string, ahead = false) => void admission.admit(ahead).then(() => started.push(name));
    admit('first');
    admit('second');
    admit('waiting 1');
    admit('waiting 2');
    admit('file 1', true);
    admit('file 2', true);
    admit('file 3', true);
    await settle();
    expect(started).toEqual(['first', 'second']);
    await nextPass();
    expect(started.slice(2)).toEqual(['file 1', 'file 2']);
    await nextPass();
    expect(started.slice(4)).toEqual(['file 3', 'waiting 1']);
    await nextPass();
    expect(started.slice(6)).toEqual(['waiting 2']);
  });

  test('a turn that finds room starts at once, without waiting for the pass to end', async () => {
    const admission = new TurnAdmission(8);
    let started = false;
    void admission.admit().then(() => {
      started = true;
    });
    await settle();
    expect(started).toBe(true);
  });

  test('turns waiting on the network do not hold a place: every pass admits new ones', async () => {
    const queue = new TurnQueue(new TurnAdmission(1));
    let answer: () => void = () => {};
    const network = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const started: string[] = [];
    const turns = ['a', 'b', 'c'].map((id) =>
      queue.run(id, async () => {
        started.push(id);
        await network; // a reply's round trip that has not come back
      }),
    );
    await settle();
    expect(started).toEqual(['a']);
    await nextPass();
    await nextPass();
    expect(started).toEqual(['a', 'b', 'c']);
    answer();
    await Promise.all(turns);
  });

  test.each([1, 8, 64])('every one of 3 000 turns starts, in order, %i a pass', async (perPass) => {
    const admission = new TurnAdmission(perPass);
    const started: number[] = [];
    await Promise.all(Array.from({ length: 3000 }, (_, i) => admission.admit().then(() => started.push(i))));
    expect(started).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(admission.queued).toBe(0);
  });
});

describe('TurnQueue', () => {
  test.each([
    ['without admission', undefined],
    ['with admission', new TurnAdmission(1)],
  ])('runs one conversation’s turns one after another, %s, and a failed turn does not block the next', async (_, admission) => {
    const queue = new TurnQueue(admission);
    const log: string[] = [];
    const turn = (name: string, fail = false) =>
      queue.run('c1', async () => {
        log.push(`${name} start`);
        await nextPass();
        log.push(`${name} end`);
        if (fail) throw new Error(name);
      });
    const first = turn('first', true);
    const second = turn('second');
    await expect(first).rejects.toThrow('first');
    await second;
    expect(log).toEqual(['first start', 'first end', 'second start', 'second end']);
    await settle();
    expect(queue.pending).toBe(0);
  });

  test('different conversations run side by side', async () => {
    const queue = new TurnQueue(new TurnAdmission(8));
    const log: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const a = queue.run('a', async () => {
      log.push('a start');
      await gate;
      log.push('a end');
    });
    const b = queue.run('b', async () => {
      log.push('b ran');
    });
    await b;
    expect(log).toEqual(['a start', 'b ran']);
    release();
    await a;
    expect(log).toEqual(['a start', 'b ran', 'a end']);
  });
});

describe('bringsFileToDownload', () => {
  test.each<[string, unknown, boolean]>([
    ['a photo from the channel', [{ contentType: 'image/jpeg', contentUrl: 'http://127.0.0.1:9/files/r.jpg', name: 'r.jpg' }], true],
    [
      'a card and then a file',
      [{ contentType: 'application/vnd.microsoft.card.hero', content: {} }, { contentUrl: 'http://x/f.pdf' }],
      true,
    ],
    ['a card only', [{ contentType: 'application/vnd.microsoft.card.hero', content: {} }], false],
    ['no attachments', [], false],
    ['attachments missing', undefined, false],
    ['attachments not a list', { contentUrl: 'http://x/f.pdf' }, false],
    ['a null entry', [null], false],
    ['a contentUrl that is not text', [{ contentUrl: 42 }], false],
  ])('%s', (_name, attachments, expected) => {
    expect(bringsFileToDownload({ attachments })).toBe(expected);
  });
});
