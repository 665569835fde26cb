import { classifyConditions, hintQuestions, readHintAnswer, refersBack } from '../../src/domain/conditionsClassifier';
import type { ExclusionCode } from '../../src/domain/policy';
import { qseePolicy } from '../helpers/policy';

const policy = qseePolicy();

describe('a hint leads to a question about the condition it hints at', () => {
  test.each<[string, ExclusionCode, string, RegExp]>([
    ['there is condensation inside the lens', 'unsuitable_environment', 'condensation', /water or moisture/],
    ['the picture fogs up, some moisture maybe', 'unsuitable_environment', 'moisture', /water or moisture/],
    ['it stopped after the rain last week', 'unsuitable_environment', 'rain', /water or moisture/],
    ['the image is frozen every morning', 'unsuitable_environment', 'frozen', /cold/],
    ['it was covered in snow', 'unsuitable_environment', 'snow', /cold/],
    ['it gets very hot in the afternoon sun', 'unsuitable_environment', 'hot', /heat/],
    ['died after the storm', 'power_surge', 'storm', /power surge or lightning/],
    ['it died during the power outage', 'power_surge', 'power outage', /power surge or lightning/],
    ['looks like the seal was opened before', 'tampering', 'opened', /opened up or repaired/],
    ['I used a new adapter', 'incorrect_power_supply', 'new adapter', /adapter other than/],
    // a cue said with a hedge is asked about with the exclusion's own question
    ['maybe a power surge', 'power_surge', 'power surge', /^has it been hit by a power surge or lightning\?$/],
  ])('%s → %s (%s)', (problem, code, phrase, question) => {
    const unsure = classifyConditions(problem, policy).unsure;
    expect(unsure).toContain(code);
    const [hint] = hintQuestions(problem, [code], policy);
    expect(hint).toMatchObject({ code, phrase });
    expect(hint.question).toMatch(question);
  });

  test('a hinted condition whose word cannot be found again is still asked, plainly', () => {
    expect(hintQuestions('it just died', ['power_surge'], policy)).toEqual([
      {
        code: 'power_surge',
        phrase: null,
        question: 'has it been hit by a power surge or lightning?',
        denials: [],
        affirms: [],
        words: policy.exclusions.find((e) => e.code === 'power_surge')?.hints,
      },
    ]);
  });

  test('one question per hinted condition, in order; codes the policy does not have are skipped', () => {
    const hints = hintQuestions('condensation after the storm', ['power_surge', 'unsuitable_environment', 'painted'], policy);
    expect(hints.map((h) => h.code)).toEqual(['power_surge', 'unsuitable_environment', 'painted']);
    const other = { ...policy, exclusions: policy.exclusions.filter((e) => e.code !== 'painted') };
    expect(hintQuestions('x', ['painted'], other)).toEqual([]);
  });

  test.each<unknown>([undefined, null, 42, '', '   '])('bad input (%p) still gives the plain question', (input) => {
    expect(hintQuestions(input, ['unsuitable_environment'], policy)[0]).toMatchObject({ phrase: null });
  });
});

describe("the customer's clear answer settles the hinted condition", () => {
  const moisture = hintQuestions('there is condensation inside', ['unsuitable_environment'], policy)[0];
  const storm = hintQuestions('it died after the storm', ['power_surge'], policy)[0];
  const frozen = hintQuestions('the image is frozen', ['unsuitable_environment'], policy)[0];

  test.each<[string, typeof moisture, 'some' | 'none' | 'unsure' | 'unclear', ExclusionCode[]]>([
    // ruled out
    ["no, it's rated for outdoors and it's under the eaves", moisture, 'none', []],
    ['No', moisture, 'none', []],
    ['nope', moisture, 'none', []],
    ['no water got in', moisture, 'none', []],
    ["it's under the eaves, it never gets wet", moisture, 'none', []],
    ["it's rated for outdoor use", moisture, 'none', []],
    ['not that I know of', moisture, 'none', []],
    ["I don't think so", moisture, 'none', []],
    ['no, the picture just freezes', frozen, 'none', []],
    ['we have a surge protector on it', storm, 'none', []],
    ["nope, it's mounted inside", moisture, 'none', []],
    ["it's on the covered patio", moisture, 'none', []],
    ['absolutely not', moisture, 'none', []],
    ['of course not', storm, 'none', []],
    ['no way', moisture, 'none', []],
    ['we never lost power', storm, 'none', []],
    ["the power did go out but it's on a UPS", storm, 'none', []],
    ['there was a storm but nothing hit the house', storm, 'none', []],
    ['No.', storm, 'none', []],
    // confirmed: the hinted condition is the exclusion
    ['yes it was out in the storm', storm, 'some', ['power_surge']],
    ['Yes', moisture, 'some', ['power_surge', 'unsuitable_environment'].filter((c) => c === 'unsuitable_environment') as ExclusionCode[]],
    ['yeah, water got into it', moisture, 'some', ['unsuitable_environment']],
    ['it did, the housing filled with water', moisture, 'some', ['unsuitable_environment']],
    ['yep', moisture, 'some', ['unsuitable_environment']],
    ['correct', moisture, 'some', ['unsuitable_environment']],
    ['yes the power went out', storm, 'some', ['power_surge']],
    // another condition said plainly decides as anywhere
    ['no, but I dropped it last week', moisture, 'some', ['accident']],
    ['it was struck by lightning', storm, 'some', ['power_surge']],
    // unsure: one more follow-up, then a person
    ["I'm not sure", moisture, 'unsure', []],
    ['maybe, I really can’t tell', moisture, 'unsure', []],
    ['probably not', storm, 'unsure', []],
    ['no idea', storm, 'unsure', []],
    ['it might have', moisture, 'unsure', []],
    ['I guess so', moisture, 'unsure', []],
    ['idk maybe', storm, 'unsure', []],
    ["yes it rained but it's rated for outdoors", moisture, 'unsure', []],
    // neither: asked again
    ['nothing besides what I told you', moisture, 'unclear', []],
    ['the camera is a QT5682', moisture, 'unclear', []],
    ['', moisture, 'unclear', []],
    ['📷', moisture, 'unclear', []],
  ])('%s → %s', (answer, hint, expected, exclusions) => {
    const reading = readHintAnswer(answer, hint, policy);
    expect(reading.answer).toBe(expected);
    expect(reading.exclusions).toEqual(exclusions);
    expect(reading.denied).toEqual(expected === 'none' ? [hint.code] : []);
    if (expected === 'unsure') expect(reading.unsure).toContain(hint.code);
  });

  const dropped = hintQuestions('it fell off the wall mount', ['accident'], policy)[0];
  const dusty = hintQuestions('there is dust in the lens', ['unsuitable_environment'], policy)[0];
  test.each<[string, typeof moisture, 'some' | 'none' | 'unsure' | 'unclear', ExclusionCode[]]>([
    // the condition told in its own words is a yes, whatever else the answer negates
    ["rain got into it, I didn't expect that", moisture, 'some', ['unsuitable_environment']],
    ["water got in through the cable, it isn't waterproof", moisture, 'some', ['unsuitable_environment']],
    ["moisture seeped in, nobody said it wasn't sealed", moisture, 'some', ['unsuitable_environment']],
    ["it leaked water into the housing and I don't know why", moisture, 'unsure', []],
    // told in words of exposure only: never a no, a person looks at it
    ['it was left outside in the storm, nobody told me not to', moisture, 'unsure', []],
    ["it's mounted outside but it's not under cover", moisture, 'unsure', []],
    ["we keep it outdoors, didn't think it mattered", moisture, 'unsure', []],
    ["the sprinkler hits it every day, didn't think that mattered", moisture, 'unsure', []],
    ["there's a leak in the roof above it, didn't notice until now", moisture, 'unsure', []],
    // "knocked out the power" is an outage, not an accident
    ['the storm knocked out the power, nothing else', storm, 'unclear', []],
    ["it's in a dusty workshop, I never clean it", dusty, 'unsure', []],
    // a yes and a no about the condition together: a person
    ['no, water got in through the cable', moisture, 'unsure', []],
    ["it got wet but it's rated for outdoors", moisture, 'unsure', []],
    // a negation of the condition itself is a no
    ['it never got wet', moisture, 'none', []],
    ["it's not been outside", moisture, 'none', []],
    ["it hasn't rained here in months", moisture, 'none', []],
    ["nothing got in, it's sealed and under cover", moisture, 'none', []],
    ["it didn't hit the ground, it landed on the couch", dropped, 'none', []],
    // words of exposure beside a denial: the customer says it is made for that place
    ["it's mounted outside but it's under cover", moisture, 'none', []],
    ["it's outdoors, and it's weatherproof", moisture, 'none', []],
    // a negation about something else denies nothing: asked again
    ["I didn't expect that", moisture, 'unclear', []],
    ["it isn't waterproof", moisture, 'unclear', []],
    ['nobody told me', storm, 'unclear', []],
    // "nothing else" counts on the hint itself: it is no denial of it
    ['nothing else', moisture, 'unclear', []],
    ['no, nothing else', moisture, 'unclear', []],
    ['nothing more to add', storm, 'unclear', []],
  ])('%s → %s', (answer, hint, expected, exclusions) => {
    const reading = readHintAnswer(answer, hint, policy);
    expect(reading.answer).toBe(expected);
    expect(reading.exclusions).toEqual(exclusions);
    expect(reading.denied).toEqual(expected === 'none' ? [hint.code] : []);
    if (expected === 'unsure') expect(reading.unsure).toContain(hint.code);
  });

  test('a hint kept from before affirms were known still reads plain answers', () => {
    const old = { code: moisture.code, denials: moisture.denials };
    expect(readHintAnswer('no water got in', old, policy).answer).toBe('none');
    expect(readHintAnswer('water got in through the cable', old, policy).answer).not.toBe('none');
  });

  test.each<unknown>([undefined, null, 42, { text: 'no' }])('a non-string (%p) is unclear, never a throw', (input) => {
    expect(readHintAnswer(input, moisture, policy).answer).toBe('unclear');
  });
});

describe("a phrase that contains a cue but states no condition is not read as one (the policy's notCues)", () => {
  test.each<[string, ExclusionCode[]]>([
    ["it's plugged into a surge protector", []],
    ['the video keeps dropping frames', []],
    ['the wifi connection dropped and never came back', []],
    ['the picture drops out at night', []],
    ['motion detection is hit or miss', []],
    // the cue itself still counts
    ['I dropped it off the ladder', ['accident']],
    ['a power surge got it, even with the surge protector', ['power_surge']],
  ])('%s → %p', (problem, exclusions) => {
    expect(classifyConditions(problem, policy).exclusions).toEqual(exclusions);
  });
});

describe('an answer that counts on something said before', () => {
  test.each<[unknown, boolean]>([
    ['no, nothing apart from what I told you', true],
    ['nothing besides what I told you', true],
    ['nothing else', true],
    ["nothing other than what I've said", true],
    ['just what I said', true],
    ['like I said, no', true],
    ['no', false],
    ['none of those', false],
    ['nothing', false],
    ['no, nothing like that', false],
    ['', false],
    [undefined, false],
    [42, false],
  ])('%p → %p', (answer, expected) => {
    expect(refersBack(answer)).toBe(expected);
  });
});
