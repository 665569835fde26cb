import { findStatedConditions } from '../../../src/domain/claimFacts/statedConditions';
import type { ExclusionCode } from '../../../src/domain/policy';
import { qseePolicy } from '../../helpers/policy';

const policy = qseePolicy();

/**
 * Every message of a claim is read for conditions, so a condition read where none is stated
 * refuses the claim without a word: only a plainly stated one counts.
 */
describe('findStatedConditions: a condition only when the message states one', () => {
  test.each<[string, ExclusionCode[] | null]>([
    // stated plainly
    ['before I forget, it fell off the shelf', ['accident']],
    ['I dropped it off the ladder while mounting it', ['accident']],
    ['I modified the firmware to add features', ['modification']],
    ['we painted it to match the trim', ['painted']],
    ['the painters got paint all over the camera', ['painted']],
    ['I flashed it with firmware from a forum', ['modification']],
    // a delivery, a setting, something else painted or opened: no condition
    ['UPS dropped it off 2 weeks ago', null],
    ['the courier dropped it off at my neighbour on Monday', null],
    ['FedEx dropped off the replacement yesterday', null],
    ['I had the drop-off receipt from the store', null],
    ['they dropped it at the front door', null],
    ["I modified the settings and now it won't record", null],
    ['I changed the motion zones last week and it stopped alerting', null],
    ['I altered the schedule to record at night', null],
    ['we painted the wall behind it', null],
    ['we had the house painted in spring', null],
    ['I opened up the app and it says offline', null],
    ['the status light flashed red and then nothing', null],
    ['the camera dropped offline on Tuesday', null],
    ['someone knocked on the door and it did not record', null],
    ['the fire alarm went off and the DVR missed it', null],
    ['I cut the cable ties to unpack it', null],
    // negated: a denial, never an exclusion
    ['nobody dropped it', null],
    ['it was never dropped', null],
    ['no one has opened it up or dropped it, it just died', null],
    ["I didn't modify anything", null],
    ['I altered nothing', null],
    // bad input
    ['', null],
    ['🙂🙂', null],
    ['x'.repeat(3000), null],
  ])('%s → %p', (text, exclusions) => {
    const reading = findStatedConditions(text, policy);
    if (exclusions === null) expect(reading?.exclusions ?? []).toEqual([]);
    else expect(reading?.exclusions).toEqual(exclusions);
  });
});
