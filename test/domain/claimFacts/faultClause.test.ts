import { findFaultClause } from '../../../src/domain/claimFacts/faultClause';

describe('findFaultClause: the fault in the customer’s words, not the whole message', () => {
  test.each<[string, string, boolean]>([
    ['Hi, my QT5682 camera I bought on Amazon two weeks ago stopped powering on, I have the receipt', 'stopped powering on', false],
    ['my QTH8052D keeps flickering', 'keeps flickering', false],
    ["My QC908 DVR keeps beeping and won't record", "keeps beeping and won't record", false],
    ['the DVR shows no video on channel 3', 'shows no video on channel 3', false],
    ['The QC908 I purchased on 03/15 says no HDD found', 'no HDD found', false],
    ['QTN8086B. Hard drive not detected. Have the invoice.', 'Hard drive not detected', false],
    ['Got the QT5682 on the 1st of April, lens is all foggy inside, I kept the invoice', 'lens is all foggy inside', false],
    ['my QT5682 is showing a black screen and I purchased it on Mar. 30', 'showing a black screen', false],
    ['my camera QT5682 quit working after 5 days', 'quit working after 5 days', true],
    ['Hi, I have a problem with my QTN8086B', 'a problem with my QTN8086B', true],
    ['It will not turn on', 'will not turn on', false],
    ['the night vision is not working', 'the night vision is not working', true],
    ['picture looks blurry since the update', 'picture looks blurry since the update', false],
    ['my NVR has stopped recording', 'stopped recording', false],
    ['it randomly reboots every 5 minutes', 'randomly reboots every 5 minutes', false],
    ["it can't connect to wifi anymore", "can't connect to wifi anymore", false],
    ['the camera went dark last night', 'went dark last night', false],
    ['my camera has stopped working', 'stopped working', true],
    ['it is broken', 'broken', true],
    ['my recorder has a problem', 'a problem', true],
    ['something is wrong with my camera', 'something is wrong with my camera', true],
    ['the app says the camera is offline and I have the receipt', 'offline', false],
    ['it died. I bought it last week.', 'died', true],
  ])('%s → %s', (text, fault, vague) => {
    expect(findFaultClause(text)).toEqual({ text: fault, vague });
  });

  test.each([
    ['I have the receipt'],
    ['I lost the receipt'],
    ['I bought it two weeks ago'],
    ['QT5682'],
    ["it's not broken, I just have a question"],
    ['it never stopped recording before'],
    ['does the warranty cover a camera that keeps rebooting?'],
    ['no, none of those'],
    ['yes'],
    [''],
    ['   '],
  ])('%j is no fault', (text) => {
    expect(findFaultClause(text)).toBeNull();
  });

  test('not a string is no fault', () => {
    expect(findFaultClause(undefined)).toBeNull();
    expect(findFaultClause({ text: 'keeps rebooting' })).toBeNull();
  });

  test('a very long message gives a bounded fault', () => {
    expect((findFaultClause(`it keeps ${'rebooting '.repeat(500)}`)?.text.length ?? 0) <= 300).toBe(true);
  });
});
