import { classifyConditions } from '../../src/domain/conditionsClassifier';
import { decideEligibility } from '../../src/domain/eligibility';
import { detectIntent, isClearlyUpset } from '../../src/domain/intents';
import { classifyProof } from '../../src/domain/proofClassifier';
import { qseePolicy } from '../helpers/policy';

const policy = qseePolicy();

describe('proof of purchase', () => {
  test.each<[string, string | null, string]>([
    ['I have the Best Buy receipt', 'receipt', 'has_now'],
    ['the Amazon order confirmation', 'order_confirmation', 'has_now'],
    ['an invoice', 'invoice', 'has_now'],
    ['we have a purchase order from our company', 'purchase_order', 'has_now'],
    ['the invoice is in my email, I can’t get to it right now', 'invoice', 'not_at_hand'],
    ['the receipt is in the box in the garage', 'receipt', 'not_at_hand'],
    ['I lost the receipt', 'receipt', 'lost'],
    ['it was a birthday present, I have no idea where it was bought', null, 'lost'],
    ['my bank statement shows it', 'other', 'has_now'],
    ['yes', null, 'has_now'],
    ['purple monkey dishwasher', null, 'unknown'],
    ['', null, 'unknown'],
  ])('%s', (text, type, availability) => {
    expect(classifyProof(text, policy)).toEqual({ type, availability });
  });
});

describe('excluded conditions', () => {
  test.each<[string, string, string[], string[]]>([
    ['no, none of that', 'none', [], []],
    ['nope', 'none', [], []],
    ['no, I never cut anything', 'none', [], []],
    ["I didn't drop it", 'none', [], []],
    ['nothing besides what I told you', 'none', [], []],
    ['I dropped it off the ladder', 'some', ['accident'], []],
    ['a lightning storm fried it last night', 'some', ['power_surge'], []],
    ["I plugged it into a 24V adapter from my old system and now it's dead", 'some', ['incorrect_power_supply'], []],
    ['I wrapped the wires in caulk to seal them from the rain', 'some', ['coated_wires'], []],
    ['we painted it to match the house', 'some', ['painted'], []],
    ['I spliced the cable to make it longer', 'some', ['cut_cables'], []],
    ['I opened the case to look inside', 'some', ['tampering'], []],
    ['I used a different power adapter because I lost the original', 'some', ['incorrect_power_supply'], []],
    ['maybe a power surge, I’m not sure', 'unsure', [], ['power_surge']],
    ["I'm not sure, maybe there was a power surge during the storm? I don't know", 'unsure', [], ['power_surge']],
    ["maybe it got wet? it's under the eaves, I really can't tell", 'unsure', [], ['unsuitable_environment']],
    ["I don't know", 'unsure', [], []],
    // a plainly stated exclusion decides even if another one is unsure
    ['I dropped it, and maybe there was a surge too', 'some', ['accident'], ['power_surge']],
    ['it just stopped working', 'unclear', [], []],
    // a word of a condition used for something else states nothing
    ['UPS dropped it off 2 weeks ago', 'unclear', [], []],
    ['I dropped it off at the repair counter yesterday', 'unclear', [], []],
    ['the courier dropped the package off on friday', 'unclear', [], []],
    ["I modified the settings and now it won't record", 'unclear', [], []],
    ['we changed the motion detection settings', 'unclear', [], []],
    ['I altered the recording schedule last night', 'unclear', [], []],
    ['we painted the wall behind it', 'unclear', [], []],
    ['we had the house painted last summer', 'unclear', [], []],
    ['the painters repainted the fence', 'unclear', [], []],
    // …while the condition itself still counts
    ['I dropped it off the roof', 'some', ['accident'], []],
    ['it dropped off the shelf', 'some', ['accident'], []],
    ['I modified the firmware', 'some', ['modification'], []],
    ['we painted the camera housing white', 'some', ['painted'], []],
    ['we painted the wall and got paint on the camera', 'some', ['painted'], []],
    ['the camera was painted over by the decorators', 'some', ['painted'], []],
    // a negated condition is a denial, whoever is the subject
    ['nobody dropped it', 'none', [], []],
    ['it was never dropped', 'none', [], []],
    ['no one has opened it up', 'none', [], []],
    ["it wasn't dropped, it wasn't painted", 'none', [], []],
  ])('%s', (text, answer, exclusions, unsure) => {
    const reading = classifyConditions(text, policy);
    expect(reading.answer).toBe(answer);
    expect(reading.exclusions.sort()).toEqual(exclusions);
    expect(reading.unsure.sort()).toEqual(unsure);
  });

  test('bad input reveals nothing', () => {
    for (const input of ['', 'x'.repeat(10_000), '🔥🔥', '<b>dropped</b>'.slice(0, 3), null, 42]) {
      expect(classifyConditions(input, policy).exclusions).toEqual([]);
    }
  });
});

describe('intents and mood', () => {
  test.each<[string, string]>([
    ['can I talk to a real person please?', 'human'],
    ['actually before you submit, I want to talk to a person', 'human'],
    ['cancel', 'cancel'],
    ['let’s start over', 'start_over'],
    ['restart', 'start_over'],
    ['can we reset this chat?', 'start_over'],
    // resetting the product is part of the story, not a request to start the conversation again
    ["it's the 4th time I've reset it", 'none'],
    ['I tried to restart the camera', 'none'],
    ["can I get a refund? I don't need the camera anymore", 'returns'],
    ["It's broken out of the box and I want to return it for a replacement", 'start_claim'],
    ['does it cover power surges?', 'policy_question'],
    ['do I need the original receipt or is a photo ok?', 'policy_question'],
    ['how long is the warranty?', 'policy_question'],
    ["I'm not sure, maybe there was a power surge? I don't know", 'none'],
    ['ok. and what is not covered?', 'policy_question'],
    ['Hi, my camera stopped recording', 'start_claim'],
    // a model with its purchase, or a fault in other words, is a claim
    ['Aloha, I have a QC908 DVR I bought 11/27 at a local store', 'start_claim'],
    ['the video on my QT5682 stutters at night', 'start_claim'],
    ['the fan is grinding really loudly', 'start_claim'],
    ['the wireless camera I picked up at Best Buy in December', 'start_claim'],
    ["my 8 channel DVR, bought on 20 April, shows 'No HDD'", 'start_claim'],
    ["the app just says 'device offline'", 'start_claim'],
    ['does the QC908 support 4TB drives?', 'none'],
    ['I want to start a warranty claim', 'start_claim'],
    ['check my warranty', 'check_warranty'],
    ['hello', 'greeting'],
    ['purple', 'none'],
    ['', 'none'],
  ])('%s → %s', (text, kind) => {
    expect(detectIntent(text, policy).kind).toBe(kind);
  });

  test.each<[string, boolean]>([
    ["This is ridiculous, third time I'm contacting you about this damn camera", true],
    ["I've been waiting WEEKS for someone to fix this, absolutely unacceptable", true],
    ['you idiots sold me junk', true],
    ['the piece of crap just died', false],
    ['ugh, it stopped working', false],
    ['my DVR shows an HDD error', false],
  ])('%s → upset %s', (text, upset) => {
    expect(isClearlyUpset(text)).toBe(upset);
  });
});

describe('eligibility', () => {
  const base = { window: 'within' as const, exclusions: [], unsure: [], hasDigitalProof: true };
  test.each<[string, Parameters<typeof decideEligibility>[0], string, string[], string | null]>([
    ['a clear case', base, 'covered', [], null],
    ['outside the window', { ...base, window: 'outside' }, 'not_covered', ['outside_warranty_period'], null],
    ['an exclusion', { ...base, exclusions: ['accident'] }, 'not_covered', ['excluded_condition'], null],
    [
      'both',
      { ...base, window: 'outside', exclusions: ['painted'] },
      'not_covered',
      ['outside_warranty_period', 'excluded_condition'],
      null,
    ],
    [
      'an exclusion beats an unsure one',
      { ...base, exclusions: ['accident'], unsure: ['power_surge'] },
      'not_covered',
      ['excluded_condition'],
      null,
    ],
    ['unsure only', { ...base, unsure: ['power_surge'] }, 'needs_agent', [], 'uncertain_condition'],
    ['an undecidable date', { ...base, window: 'ask' }, 'needs_agent', [], 'ambiguous_purchase_date'],
    ['no digital proof yet', { ...base, hasDigitalProof: false }, 'awaiting_proof', ['no_proof_of_purchase'], null],
    [
      'outside and no proof: the window decides',
      { ...base, window: 'outside', hasDigitalProof: false },
      'not_covered',
      ['outside_warranty_period'],
      null,
    ],
  ])('%s', (_name, facts, outcome, reasons, handoffReason) => {
    expect(decideEligibility(facts)).toEqual({ outcome, reasons, handoffReason });
  });
});
