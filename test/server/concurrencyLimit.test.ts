import { AppError } from '../../src/errors';
import { ConcurrencyLimit } from '../../src/server/concurrencyLimit';

/** A piece of work that ends when the test says. */
function heldWork(log: string[], name: string) {
  let finish!: (fail?: boolean) => void;
  const work = () =>
    new Promise<string>((resolve, reject) => {
      log.push(`start ${name}`);
      finish = (fail = false) => (fail ? reject(new Error(`${name} failed`)) : resolve(name));
    });
  return { work, finish: (fail?: boolean) => finish(fail) };
}
const settle = () => new Promise<void>((r) => setImmediate(r));

test('two run, the next wait in order, a freed slot goes to the first in line; a failure frees its slot too', async () => {
  const limit = new ConcurrencyLimit({ running: 2, waiting: 2 }, 'STATS_BUSY');
  const log: string[] = [];
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => heldWork(log, name));
  const runs = [a, b, c, d].map((w) => limit.run(w.work));
  await settle();
  expect(log).toEqual(['start a', 'start b']);
  // a fifth finds the line full
  await expect(limit.run(async () => 'e')).rejects.toMatchObject({ code: 'STATS_BUSY' });
  b.finish(true);
  await expect(runs[1]).rejects.toThrow('b failed');
  await settle();
  expect(log).toEqual(['start a', 'start b', 'start c']);
  a.finish();
  await settle();
  expect(log).toEqual(['start a', 'start b', 'start c', 'start d']);
  c.finish();
  d.finish();
  expect(await Promise.all([runs[0], runs[2], runs[3]])).toEqual(['a', 'c', 'd']);
  // all done: both slots free again, nobody in line
  const log2: string[] = [];
  const [x, y] = ['x', 'y'].map((name) => heldWork(log2, name));
  const again = [limit.run(x.work), limit.run(y.work)];
  await settle();
  expect(log2).toEqual(['start x', 'start y']);
  x.finish();
  y.finish();
  await Promise.all(again);
});

test.each([
  [{ running: 1, waiting: 0 }, 1, 0],
  [{ running: 1, waiting: 0 }, 2, 1],
  [{ running: 1, waiting: 3 }, 6, 2],
  [{ running: 3, waiting: 1 }, 4, 0],
  [{ running: 2, waiting: 8 }, 12, 2],
])('with %o, %i asked in one go: %i refused, the others done', async (limits, asked, refused) => {
  const limit = new ConcurrencyLimit(limits, 'STATS_BUSY');
  const outcomes = await Promise.all(
    Array.from({ length: asked }, () => limit.run(async () => 'done').catch((e) => (e instanceof AppError ? e.code : 'other'))),
  );
  expect(outcomes.filter((o) => o === 'STATS_BUSY')).toHaveLength(refused);
  expect(outcomes.filter((o) => o === 'done')).toHaveLength(asked - refused);
});
