import { loadPolicy } from '../../../src/config/loadPolicy';
import { lookUpModel } from '../../../src/domain/products/catalogueModels';
import { recognizeProduct } from '../../../src/domain/products/recognizeProduct';
import { OTHER_BRAND_POLICY_FILE, qseePolicy } from '../../helpers/policy';

const policy = qseePolicy();
const acme = loadPolicy(OTHER_BRAND_POLICY_FILE);

describe('a model number is taken, with the catalogue saying whether it knows it', () => {
  test.each<[string, string, 'catalogue' | 'model_pattern', string | undefined, string]>([
    ['QT5682', 'QT5682', 'catalogue', 'QT', 'QT5682'],
    ['qt5682', 'QT5682', 'catalogue', 'QT', 'QT5682'],
    ['QT 5682', 'QT5682', 'catalogue', 'QT', 'QT5682'],
    ['QT-5682', 'QT5682', 'catalogue', 'QT', 'QT5682'],
    ['QT5682 4K bullet camera', 'QT5682', 'catalogue', 'QT', 'QT5682 4K bullet camera'],
    ["it's the QTN8086B camera system", 'QTN8086B', 'catalogue', 'QTN', 'QTN8086B camera system'],
    ['QC908 8-channel DVR', 'QC908', 'catalogue', 'QC', 'QC908 8-channel DVR'],
    ['my camera, model QT5682', 'QT5682', 'catalogue', 'QT', 'QT5682 camera'],
    ['the model number is QTH8052D', 'QTH8052D', 'catalogue', 'QTH', 'QTH8052D'],
    ['qth8052d dome camera on the porch', 'QTH8052D', 'catalogue', 'QTH', 'QTH8052D dome camera'],
    ['QC-N8019B', 'QC-N8019B', 'catalogue', 'QC', 'QC-N8019B'],
    ['qcn8019b nvr', 'QC-N8019B', 'catalogue', 'QC', 'QC-N8019B nvr'],
    ['QCN8001B bullet', 'QCN8001B', 'catalogue', 'QCN', 'QCN8001B bullet'],
    ['QT5682-8', 'QT5682-8', 'catalogue', 'QT', 'QT5682-8'],
    ['I told you, my QT426 is broken', 'QT426', 'catalogue', 'QT', 'QT426'],
    ['I want to make a warranty claim for my QS408', 'QS408', 'catalogue', 'QS', 'QS408'],
    ['not the QT426, the QT5682', 'QT5682', 'catalogue', 'QT', 'QT5682'],
    // a customer who takes back the first model: what follows counts
    ['QT5682 bullet camera - actually no, sorry, it is the QC908 DVR', 'QC908', 'catalogue', 'QC', 'QC908 DVR'],
    ['QT426, I mean QT5682', 'QT5682', 'catalogue', 'QT', 'QT5682'],
    ["I don't know, maybe QT5682?", 'QT5682', 'catalogue', 'QT', 'QT5682'],
    // numbers the catalogue does not know: taken, marked, with the family of their prefix
    ['QT9999 dome', 'QT9999', 'model_pattern', 'QT', 'QT9999 dome'],
    ['QTN7777B', 'QTN7777B', 'model_pattern', 'QTN', 'QTN7777B'],
    ['qch1234', 'QCH1234', 'model_pattern', 'QC', 'QCH1234'],
    ['QX1234', 'QX1234', 'model_pattern', undefined, 'QX1234'],
  ])('%s → %s (%s)', (answer, model, source, family, text) => {
    const product = recognizeProduct(answer, policy);
    expect(product).toMatchObject({ kind: 'model', model, source, text });
    expect(product.kind === 'model' ? product.family : 'n/a').toBe(family);
  });
});

describe('free text is a description only when it names a kind of product', () => {
  test.each<[string, string, string]>([
    ['outdoor dome camera', 'dome_camera', 'outdoor dome camera'],
    ['8-channel DVR', 'dvr', '8-channel DVR'],
    ['8 channel dvr', 'dvr', '8 channel dvr'],
    ['the wifi camera', 'camera', 'wifi camera'],
    ['my NVR', 'nvr', 'NVR'],
    ['uh, the recorder', 'recorder', 'recorder'],
    ["it's a PTZ", 'ptz_camera', 'PTZ'],
    ['the video doorbell', 'doorbell', 'video doorbell'],
    ['a 4 camera security system', 'kit', '4 camera security system'],
    ['Q-See 16 channel kit', 'kit', 'Q-See 16 channel kit'],
    ['front door camera', 'camera', 'front door camera'],
    ['the camera over the garage door', 'camera', 'camera over the garage door'],
    ['the hard drive in my DVR', 'hard_drive', 'hard drive in my DVR'],
    ['power supply', 'power_supply', 'power supply'],
    ['my security cameras', 'camera', 'security cameras'],
    ['Q-See NVR kit', 'kit', 'Q-See NVR kit'],
    ['bullet', 'bullet_camera', 'bullet'],
    ['camera 3 on the driveway', 'camera', 'camera 3 on the driveway'],
    ['4K PoE NVR', 'nvr', '4K PoE NVR'],
    ['a 16 ch dvr', 'dvr', '16 ch dvr'],
    ['two dome cameras and the recorder', 'dome_camera', 'dome cameras and the recorder'],
    ['just the camera', 'camera', 'camera'],
    ['I think it is an NVR', 'nvr', 'NVR'],
    ['camera?', 'camera', 'camera'],
    ['camera', 'camera', 'camera'],
    ['yes, my camera', 'camera', 'camera'],
    // a description said with chatter keeps its product words only
    ['my 8-channel DVR is broken', 'dvr', '8-channel DVR'],
    ['the outdoor dome camera that stopped working', 'dome_camera', 'outdoor dome camera'],
    ["I don't know the model, it's a dome camera", 'dome_camera', 'dome camera'],
    ["can't find the sticker, it's the outdoor bullet camera", 'bullet_camera', 'outdoor bullet camera'],
    ['I want to claim the warranty on my 8-channel NVR', 'nvr', '8-channel NVR'],
    ['like I said, the wifi camera in the nursery', 'camera', 'wifi camera'],
  ])('%s → %s', (answer, productKind, text) => {
    expect(recognizeProduct(answer, policy)).toEqual({ kind: 'description', source: 'description', productKind, text });
  });
});

describe('an answer that is not an answer is not taken as one', () => {
  test.each<[string, string, string?]>([
    ['I want to make a warranty claim', 'restated_intent'],
    // two different models: which one the claim is about is asked
    ['I have two, a QT5682 and a QC908, the DVR won’t boot', 'several_models', 'QT5682 or the QC908'],
    ['my old QT426 was fine, the new QT5682 won’t power on', 'several_models', 'QT426 or the QT5682'],
    ['I need help with a warranty claim', 'restated_intent'],
    ['warranty', 'restated_intent'],
    ['help', 'restated_intent'],
    ['I want a replacement', 'restated_intent'],
    ['can you just start the claim', 'restated_intent'],
    ["I'm trying to get a replacement", 'restated_intent'],
    ['I just want it fixed', 'restated_intent'],
    ['warranty claim', 'restated_intent'],
    ['can you help me', 'restated_intent'],
    ['RMA please', 'restated_intent'],
    ['I want my money back', 'restated_intent'],
    ['please just process my claim', 'restated_intent'],
    ['I said I need to make a claim', 'complaint'],
    ['I want to report a defective product', 'complaint'],
    ['the camera I told you about', 'complaint', 'camera'],
    ['the one that broke', 'complaint'],
    ['the broken one', 'complaint'],
    ["it doesn't work", 'complaint'],
    ['nothing works', 'complaint'],
    ['I want to make a warranty claim for my camera', 'restated_intent', 'camera'],
    ['I told you, my camera is broken', 'complaint', 'camera'],
    ['my camera stopped working', 'complaint', 'camera'],
    ['the cameras keep going offline', 'complaint', 'camera'],
    ['like I said, it stopped working', 'complaint'],
    ["it's broken", 'complaint'],
    ['it won’t turn on', 'complaint'],
    ['as I said before, no picture', 'complaint'],
    ['I already told you', 'complaint'],
    ['the whole system is dead', 'complaint', 'system'],
    // a bare kind said with a complaint is its subject: which one?
    ['my DVR is broken', 'complaint', 'DVR'],
    ['ugh, I already explained, the recorder keeps rebooting', 'complaint', 'recorder'],
    ['the dome camera stopped working', 'complaint', 'dome camera'],
    ['I told you, the NVR', 'complaint', 'NVR'],
    ['my Q-See camera is broken', 'complaint', 'camera'],
    ['I need a warranty claim for my kit', 'restated_intent', 'camera system'],
    ['idk', 'unknown_model'],
    ["I don't know the model", 'unknown_model'],
    ['no idea', 'unknown_model'],
    ["can't find it", 'unknown_model'],
    ['the label is worn off', 'unknown_model'],
    ['where do I find the model number?', 'where_to_find'],
    ["where's the model number", 'where_to_find'],
    ['how do I find the model?', 'where_to_find'],
    ['yes', 'not_an_answer'],
    ['no', 'not_an_answer'],
    ['ok', 'not_an_answer'],
    ['hello', 'not_an_answer'],
    ['thanks', 'not_an_answer'],
    ['the one I bought', 'no_product_kind'],
    ['the thing', 'no_product_kind'],
    ['it', 'no_product_kind'],
    ['the product', 'no_product_kind'],
    ['the item I ordered', 'no_product_kind'],
    ['what I bought last month', 'no_product_kind'],
    ['the same one', 'no_product_kind'],
    ['QSee', 'no_product_kind'],
    ['my q-see stuff', 'no_product_kind'],
    ['huh?', 'not_an_answer'],
    ['sure', 'not_an_answer'],
    ['no clue honestly', 'unknown_model'],
    ["I'm not sure which model", 'unknown_model'],
    ['no sticker on it', 'unknown_model'],
    ['the black one', 'no_product_kind'],
    ['from Amazon', 'no_product_kind'],
    ['Samsung TV', 'no_product_kind'],
    ['February 20th', 'no_product_kind'],
    ['I have the receipt', 'no_product_kind'],
    // bad input
    ['', 'empty'],
    ['   ', 'empty'],
    ['?', 'empty'],
    ['📷💥', 'empty'],
    ['<b></b>', 'empty'],
  ])('%s → %s', (answer, why, ...mentioned) => {
    const [mentions] = mentioned;
    const product = recognizeProduct(answer, policy);
    expect(product).toMatchObject({ kind: 'not_a_product', why });
    expect(product.kind === 'not_a_product' ? product.mentions : 'taken').toBe(mentions);
  });

  test.each<unknown>([undefined, null, 42, {}, ['QT5682']])('a non-string (%p) is empty, never a throw', (input) => {
    expect(recognizeProduct(input, policy)).toMatchObject({ kind: 'not_a_product', why: 'empty' });
  });

  test('a huge answer is read and its kept text is short', () => {
    const product = recognizeProduct(`${'blah '.repeat(20_000)}`, policy);
    expect(product.kind).toBe('not_a_product');
    expect(product.text.length).toBeLessThanOrEqual(120);
    const long = recognizeProduct(`it is the ${'very '.repeat(50)}nice outdoor dome camera`, policy);
    expect(long).toMatchObject({ kind: 'description', text: 'outdoor dome camera' });
  });
});

describe('what the recognizer keeps reads the same again (the claim stores it, the store reads it)', () => {
  test.each([
    'QC908 8-channel DVR',
    "it's the QTN8086B camera system",
    'my camera, model QT5682',
    'my 8-channel DVR is broken',
    'the wifi camera',
    'I don’t know the model, it’s a dome camera',
    'qcn8019b nvr',
  ])('%s', (answer) => {
    const once = recognizeProduct(answer, policy);
    expect(recognizeProduct(once.text, policy)).toEqual(once);
  });
});

describe('another brand without a catalogue', () => {
  test.each<[string, string]>([
    ['AC-4410', 'model'],
    ['the big white one on the roof', 'description'],
    ['I want to make a warranty claim', 'not_a_product'],
    ['I told you, it is broken', 'not_a_product'],
    ['?', 'not_a_product'],
    ['QT5682', 'description'],
  ])('%s → %s', (answer, kind) => {
    expect(recognizeProduct(answer, acme).kind).toBe(kind);
  });
});

describe('catalogue lookup', () => {
  const catalogue = policy.product.catalogue;
  test.each<[string, string, boolean, string | undefined]>([
    ['QCN8019B', 'QC-N8019B', true, 'QC'],
    ['QT5682-16', 'QT5682-16', true, 'QT'],
    ['QTH9999', 'QTH9999', false, 'QTH'],
    ['QSC1', 'QSC1', false, 'QSC'],
    ['Q1234', 'Q1234', false, undefined],
  ])('%s', (written, model, known, family) => {
    expect(lookUpModel(written, catalogue)).toEqual({ model, known, family });
  });

  test('every known model is read as itself, known, in its family', () => {
    for (const entry of catalogue.models) {
      expect(recognizeProduct(entry.model, policy)).toMatchObject({
        kind: 'model',
        model: entry.model,
        source: 'catalogue',
        family: entry.family,
      });
    }
  });
});
