import { qseeModels } from '../../../src/domain/receipts/qseeModels';
import { linesOf } from '../../../src/domain/receipts/receiptText';

const models = (text: string, ocr = false) => qseeModels(linesOf(text, 1), ocr).map((m) => m.model);

describe('qseeModels: Q-See model numbers on a receipt', () => {
  test.each([
    ['a model on a Q-See line', '1 Q-See QCA7201D – Analog HD 720p Dome Camera 39.99', ['QCA7201D']],
    ['kit SKU keeps its model', 'Q-SEE QT5682-8BE-2 8-Channel System', ['QT5682']],
    ['pack SKU keeps its model', 'MFR # QTN8086B-4', ['QTN8086B']],
    ['three digits', 'Model: QC908', ['QC908']],
    ['a hyphen after the letters', 'Q-See QTN-8086B camera', ['QTN8086B']],
    ['a hyphen inside the letters', 'Q-See QC-N8019B bullet', ['QCN8019B']],
    ['model line under a store item', '7615568 QSEE 1080P HD BULLET 44.99\nMODEL QH8032B', ['QH8032B']],
    ['each model once, in reading order', 'QCN7001B camera\nQCN8019B camera\nQCN7001B again', ['QCN7001B', 'QCN8019B']],
    ['vendor item column of a PO', '2 1 EA QCN7001B Q-See 720p IP Bullet Camera, PoE 39.99', ['QCN7001B']],
  ])('%s', (_name, text, expected) => {
    expect(models(text)).toEqual(expected);
  });

  describe('a code wrapped onto the next line by a narrow column (receipts-synth2)', () => {
    test.each([
      ['after a hyphen', 'Item: Q-See 4K NVR QTN-\n8086B\nDate 03/02/2026', ['QTN8086B']],
      ['inside the digits', 'Q-See 16CH NVR QTN80\n96B with 3TB drive', ['QTN8096B']],
      ['a kit suffix on the second line', 'Q-See DVR kit QT\n5682-8BE-2', ['QT5682']],
      ['the row goes on after the cut cell', 'Q-See 4K NVR QTN-  1  $329.00\n8086B', ['QTN8086B']],
      ['a cell border read as "|"', 'Q-See AK NVR QTN- | 1      $329.00\n8086B', ['QTN8086B']],
    ])('%s', (_name, text, expected) => {
      expect(models(text)).toEqual(expected);
    });

    test.each([
      ["the brand at a line's end, a number below", 'Item 1502277 QSEE\n1127 EA 449.99'],
      ['a code head on the last line of a page', 'Q-See QTN-'],
      ['a number too long to be the rest', 'Q-See NVR QTN\n850003112'],
      ['a code head inside a cell, not at its end', 'Q-See QTN- 8CH  $99.00\n8086B'],
      ['a table header over a row of numbers', 'Q-See order\nSKU  QTY  PRICE\n4471  1  9.99'],
      ['a code head on a line that names neither Q-See nor a model', 'NVR QTN-  1  $329.00\n8086B'],
    ])('%s: none', (_name, text) => {
      expect(models(text)).toEqual([]);
    });

    test('OCR: the wrapped tail with its B read as 8', () => {
      expect(models('Q-See 4K NVR QTN-    1      $329.00\n80868', true)).toEqual(['QTN8086B']);
    });

    test('a page break does not join', () => {
      expect(qseeModels([...linesOf('Q-See NVR QTN-', 1), ...linesOf('8086B', 2)]).map((m) => m.model)).toEqual([]);
    });
  });

  describe('not models', () => {
    test.each([
      ['a quote number', 'Quote Ref. Q-8459 (7/7/2026)'],
      ["a seller's item code embedding a model", 'B&H # QSQTN8086B-4'],
      ['digits glued in front', 'Item # 707QC908'],
      ['another brand named on the line', 'APC Back-UPS QB600 battery backup'],
      ['a Q brand that is not Q-See', '3933330 QPOWER QPS1200 UPS 119.99'],
      ['a hyphenated Q brand', 'Surge strip 6-outlet (Q-Link QS600)'],
      ['a Q-See item without its model', 'QSEE 4MP IP BULLET 84.99'],
      ['a word starting with Q', 'Qty 2 Quantity 5 Q1 2026'],
      ['empty', ''],
    ])('%s', (_name, text) => {
      expect(models(text)).toEqual([]);
    });
  });

  describe('OCR misreads (only in OCR text)', () => {
    test.each([
      ['B read as 8 at the end', 'Model: QCN70018', ['QCN7001B']],
      ['8 read as B before the digits', 'Q-See QTNB016 - 16-Channel NVR', ['QTN8016']],
      ['8 read as B after two letters', 'Model QTB718-8CA', ['QT8718']],
      ['8 read as B8', 'Q-See QHB8034B 1080p Bullet', ['QH8034B']],
      ['B read as 8B', 'Q-See QCN80318B 8MP camera', ['QCN8031B']],
      ['0 read as O inside the digits', 'MODEL QCN8O19B', ['QCN8019B']],
      ['a code split after its letters, after a model label', 'MODEL QCN 70018', ['QCN7001B']],
    ])('%s', (_name, text, expected) => {
      expect(models(text, true)).toEqual(expected);
    });

    test('a PDF text layer is taken as printed', () => {
      expect(models('Model: QCN70018', false)).toEqual(['QCN70018']);
    });
  });

  test('a model on a Q-See line is surer than a bare code', () => {
    const [onQsee] = qseeModels(linesOf('Q-See QC908 DVR', 1));
    const [bare] = qseeModels(linesOf('Item QC908', 1));
    expect(onQsee!.confidence).toBeGreaterThan(bare!.confidence);
  });

  describe('as held-out-like stores print them', () => {
    test.each([
      ['a model label glued by "#"', '652317547594 QSEE CAMERA <A>\nModel#QTN8016', false, ['QTN8016']],
      ['"MFR#" glued', 'MFR#QC938 Q-See 4CH DVR', false, ['QC938']],
      ['a glued label split by OCR', 'Mode l#QCA7207B', true, ['QCA7207B']],
      [
        "a seller's code with a hyphen in its letters beside the MFR part",
        'QSE-T5440  Q-SEE TURRET 8MP  MFR PART: QT-5440',
        false,
        ['QT5440'],
      ],
      ['OCR: 8 read as B before the digits and B read as 8 and B', 'Q-See QCNB0018B camera', true, ['QCN8001B']],
      ['OCR: 8 read as B and the trailing B as 8', 'Model #: QCNB0198', true, ['QCN8019B']],
      ['OCR: 7 read as T, trailing B as 8', 'Item#: 9SIA Model #: QCAT2078', true, ['QCA7207B']],
      ['OCR: 7 read twice, as T and 7', 'Q-See NVR System (QCAT7202B) - Qty 1', true, ['QCA7202B']],
      ['OCR: a slashed zero read as "0O"', 'MODEL QTN80O86B', true, ['QTN8086B']],
      ['OCR: 7 read as T7 and the trailing B as 8B', 'Q-See QCAT72028B-16BE-2 4K Dome Camera', true, ['QCA7202B']],
      ['OCR: the Q read as 0 after a model label', 'QSEE CAMERA <A>\nMODEL 0T5440-8BE-4', true, ['QT5440']],
      ['OCR: the Q read as O after "Model:"', 'Model: OCN8019B', true, ['QCN8019B']],
      ['OCR: a slashed zero read as "0O", three digits', 'Model# QTN80O16', true, ['QTN8016']],
      ['OCR: an O for a 0 and the trailing B as 8 is not a zero pair', 'Model: QCN7O018', true, ['QCN7001B']],
    ])('%s', (_name, text, ocr, expected) => {
      expect(models(text, ocr)).toEqual(expected);
    });

    test.each([
      ["a seller's code with a hyphen in its letters, alone", 'QSE-T5440  Q-SEE TURRET 8MP'],
      ["a seller's prefix glued by '#' without a model label", 'BH#QT5682X Q-See kit'],
      ['a code starting with 0 without a model label', 'Q-See kit 0T5440 carton'],
    ])('not a model: %s', (_name, text) => {
      expect(models(text)).toEqual([]);
    });
  });
});
