import { fixedClock } from '../../src/clock';
import { Router, type RouterDeps } from '../../src/routing/router';

/**
 * Router.sawPresence says whether anyone came or went since it last looked: only then is a routing
 * pass worth running. The instances' heartbeats repeat the same list every few seconds.
 */
describe('a router told of presence', () => {
  // each row: who is online when it is told, and whether that is a change
  const rows: [string[], boolean, string][] = [
    [[], false, 'nobody, as before'],
    [['ana'], true, 'ana connects'],
    [['ana'], false, 'a heartbeat repeats it'],
    [['ana', 'bo'], true, 'bo connects'],
    [['bo', 'ana'], false, 'the same two, another order'],
    [['bo'], true, 'ana leaves'],
    [['cy'], true, 'bo leaves as cy comes: as many as before, not the same'],
    [[], true, 'cy leaves'],
  ];

  test('told in turn, row by row', () => {
    let online: string[] = [];
    const router = new Router({ online: () => online, clock: fixedClock('2026-03-02T17:30:00Z') } as unknown as RouterDeps);
    for (const [now, changed, what] of rows) {
      online = now;
      expect({ what, changed: router.sawPresence() }).toEqual({ what, changed });
    }
  });
});
