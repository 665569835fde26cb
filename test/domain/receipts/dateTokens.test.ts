import { dateTokens } from '../../../src/domain/receipts/dateTokens';

const isos = (line: string) => dateTokens(line).map((t) => t.iso);

describe('dateTokens: the dates printed on a receipt line', () => {
  test.each([
    ['numeric, US month first', 'Invoice Date 04/05/2026', ['2026-04-05']],
    ['single digits', '9/11/2026 16:29', ['2026-09-11']],
    ['two-digit year is 20xx', '09/01/25 15:00 REG 73 TRN 6112', ['2025-09-01']],
    ['dashes', 'Date: 7-27-2026', ['2026-07-27']],
    ['ISO', 'Created 2027-02-07 00:13:47 PST', ['2027-02-07']],
    ['year first with slashes', 'Date 2026/04/05', ['2026-04-05']],
    ['day, month abbreviation, two-digit year', 'PO Date: 27-JUL-26', ['2026-07-27']],
    ['day month year', 'Issued 3 February 2026', ['2026-02-03']],
    ['ordinal day before the month', 'Purchased: 3rd March 2026', ['2026-03-03']],
    ['ISO date and time', 'Order Date: 2026-04-05T13:22:11Z', ['2026-04-05']],
    ['month name with weekday', 'Order Date Tuesday, February 3, 2026', ['2026-02-03']],
    ['month abbreviation with a dot', 'Sept. 9, 2026', ['2026-09-09']],
    ['no space before the year (OCR)', 'March31,2027 $119.65', ['2027-03-31']],
    ['ordinal day', 'placed on March 3rd, 2026', ['2026-03-03']],
    ['two dates on a line, left to right', 'Quote Q-6362 (3/31/2027) Invoice 4/7/2027', ['2027-03-31', '2027-04-07']],
    ['clock time is not a date', '9:56 AM', []],
  ])('%s', (_name, line, expected) => {
    expect(isos(line)).toEqual(expected);
  });

  describe('thermal printers that glue what follows a date (receipts-synth2)', () => {
    test.each([
      ['a time glued to a four-digit year', '07/19/202614:22:05', ['2026-07-19']],
      ['the next label glued to the year', 'DATE:07/19/2026TIME:14:22', ['2026-07-19']],
      ['day, month and two-digit year without separators', 'DATE 12FEB26  TIME 14:55', ['2026-02-12']],
      ['day, month and four-digit year without separators', 'SALE 3SEPT2026', ['2026-09-03']],
    ])('%s', (_name, line, expected) => {
      expect(isos(line)).toEqual(expected);
    });

    test('a glued time still counts as a time', () => {
      expect(dateTokens('07/19/202614:22')[0]!.withTime).toBe(true);
    });

    test.each([
      ['more digits after a year are a number, not a time', '07/19/20261422'],
      ['a glued month inside a code', 'SKU AB12FEB26'],
      ['a month in lower case glued to digits is a word', '12feb26'],
      ['a two-digit year with a time glued is ambiguous', '07/19/2614:22'],
    ])('%s: no date', (_name, line) => {
      expect(isos(line)).toEqual([]);
    });
  });

  describe('OCR misreads inside a date-shaped token', () => {
    test.each([
      ['O for 0', 'Order Date 1O/23/2026', ['2026-10-23']],
      ['l for 1', 'Date 0l/2l/2026', ['2026-01-21']],
      ['B for 8 in the year', 'Date 10/21/2O2B', ['2028-10-21']],
      ['more than two misreads is not a date', 'Date 1O/2l/2O2B', []],
      ['S for 5 in the year', 'Date 09/01/2S', ['2025-09-01']],
      ['slashes read as 1', 'Invoice Date 0912112025', ['2025-09-21']],
      ['a month name with one letter wrong', 'Covember 19,2025 $10.28', ['2025-11-19']],
      ['a word that is not a month', 'Member 19, 2025', []],
    ])('%s', (_name, line, expected) => {
      expect(isos(line)).toEqual(expected);
    });

    test('repairs are counted (a repaired date is less sure)', () => {
      expect(dateTokens('1O/23/2026')[0]!.repairs).toBe(1);
      expect(dateTokens('10/23/2026')[0]!.repairs).toBe(0);
    });
  });

  describe('edge cases: digits that are not dates', () => {
    test.each([
      ['order number embedding a date', 'Order Number C0410-27-86355'],
      ['phone number', 'Call 1-888-555-0145'],
      ['Amazon order number', 'ORDER # 112-8715357-3630719'],
      ['transaction digits', '5542 91 4256 091126'],
      ['a ten-digit member number', 'Rewards # 0813569185'],
      ['a price', 'TOTAL 401.01'],
      ['version-like dotted number', 'Firmware 4.7.26'],
      ['no year', 'Arrives Thu, Nov 12'],
      ['month 13', '13/01/2026'],
      ['February 30', '2/30/2026'],
      ['a word read as a date', 'Is/Is/SS'],
      ['a year far away', '01/01/1850'],
      ['empty line', ''],
      ['percent and tax', 'SALES TAX 8.985% 33.06'],
      ['card expiry is month/year only', 'EXP 09/28'],
    ])('%s', (_name, line) => {
      expect(isos(line)).toEqual([]);
    });
  });

  test('a time after the date is noticed', () => {
    expect(dateTokens('9/11/2026 16:29')[0]!.withTime).toBe(true);
    expect(dateTokens('Sunday, May 9, 2027 9:08 PM ET')[0]!.withTime).toBe(true);
    expect(dateTokens('Due Date 8/26/2026')[0]!.withTime).toBe(false);
  });
});
