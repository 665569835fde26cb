import { purchaseDate } from '../../../src/domain/receipts/purchaseDate';
import { linesOf } from '../../../src/domain/receipts/receiptText';

const dateOf = (text: string) => purchaseDate(linesOf(text, 1))?.date ?? null;

/** Receipts written for these tests (shapes seen on real receipts, names and numbers made up). */
describe('purchaseDate: the date the purchase was made, as printed', () => {
  test.each([
    [
      'store receipt: timestamp at the bottom, return-by above',
      'TARGET\nT-1234 TRN 55\nRETURN BY 10/15/2026\n09/15/2026 14:02',
      '2026-09-15',
    ],
    ['store receipt: timestamp at the top with register numbers', 'Store 12\n03/04/26 09:12 REG 3 TRN 881\nTOTAL 20.00', '2026-03-04'],
    ['labelled transaction date beats an unlabelled one', 'Transaction Date: 05/06/2026\n05/30/2026', '2026-05-06'],
    ['order date beats invoice date', 'Invoice Date 3/10/2026\nOrder Date 3/1/2026\nShip Date 3/9/2026', '2026-03-01'],
    [
      'invoice: due date and earlier quote set aside',
      'Quote Ref. Q-8459 (7/7/2026)\nInvoice Date 7/27/2026\nDue Date 8/26/2026',
      '2026-07-27',
    ],
    ['PO: requisition and required-by set aside', 'Requisition: R-1 (22-JUL-26)\nPO Date: 27-JUL-26\nRequired By 03-AUG-26', '2026-07-27'],
    ['label on the line above', 'PURCHASE DATE\nJuly 13, 2026\nReturn & exchange period ends July 28, 2026', '2026-07-13'],
    ['column header above a row of values', 'ORDER PLACED   TOTAL   SHIP TO\nMarch 31, 2027   $119.65   Jo L.', '2027-03-31'],
    [
      'a header of three dates over three values',
      'Order Date   Ship Date   Invoice Date\n01/02/2026   01/05/2026   01/06/2026',
      '2026-01-02',
    ],
    ["the header label over the date's column", 'Ship To            Order Date\nJo Lee             01/02/2026', '2026-01-02'],
    [
      'a misread month name in a list of orders',
      'ORDER PLACED\nNovember 26, 2025\nLED Bulbs\nORDER PLACED\nCovember 19,2025\nQ-SEE QCN7001B 720p IP Bullet',
      '2025-11-19',
    ],
    ['ordered, label above', 'Ordered\nMar 3, 2026\nPicked up\nMar 5, 2026\nQ-See 4K Camera System', '2026-03-03'],
    [
      'a weekday and register numbers before a bare date',
      'GULF HOME\nSat Mar 7 2026  3:12 PM\nREG 04 TRN 3381 03/08/26 survey',
      '2026-03-07',
    ],
    [
      "forwarded email: the original email's date, not the forward's",
      'From: Sam <sam@gmail.com>\nDate: Mon, Jun 8, 2026 at 9:14 AM\n---------- Forwarded message ---------\nFrom: Shop <orders@shop.example>\nDate: Wed, May 27, 2026 at 4:02 PM\nQ-See QH8034B 4-pack',
      '2026-05-27',
    ],
    ['issued', 'Issued: 02/14/2026\nPayment due 03/16/2026', '2026-02-14'],
    [
      'email: order placed, delivery and sent dates',
      'Sent: Sunday, May 9, 2027 9:09 PM\nEstimated Delivery Wednesday, May 12\nOrder placed Sunday, May 9, 2027 9:08 PM ET',
      '2027-05-09',
    ],
    [
      'app: banner date above the unlabelled purchase date',
      'Return & exchange period ends Sep 24, 2027\nAug 25, 2027\nOffice Supply #4563',
      '2027-08-25',
    ],
    ['date printed twice agrees', 'Date: 14-SEP-26\nPO Date: 14-SEP-26', '2026-09-14'],
    ['quote "dated" is the quote\'s date', 'Work per quote 2650 dated 08/09/2025\nInvoice Date 09/21/2025', '2025-09-21'],
    [
      'charge and shipment dates are not the order',
      'Order Placed: August 7, 2025\nShipped on August 9, 2025\nCredit Card transactions Visa ending in 1111: August 9, 2025',
      '2025-08-07',
    ],
    ['print header at the top is set aside', '4/5/27, 1:32 AM  Shop.com - Order 114\nshop.com\nOrder Placed: March 7, 2027', '2027-03-07'],
    ['URL footer is set aside', 'Order Date: 1/2/2026\nx\ny\nhttps://shop.example/print?date=2026-05-05 1/1', '2026-01-02'],
    [
      'two orders listed: the one with the Q-See item',
      'ORDER PLACED\nMay 10, 2027\nLED Bulbs\nEligible through June 11, 2027\nORDER PLACED\nMarch 31, 2027\nQ-SEE QCA7202B Bullet Camera',
      '2027-03-31',
    ],
    ['protection plan end is not the purchase', 'COVERAGE ENDS 11/22/2028\n11/22/2025 16:39:25', '2025-11-22'],
    ['survey valid-until is not the purchase', '04/02/26 09:24 PM\nSurvey code valid until 05/02/26', '2026-04-02'],
  ])('%s', (_name, text, expected) => {
    expect(dateOf(text)).toBe(expected);
  });

  describe('traps: null rather than a wrong date', () => {
    test.each([
      ['only delivery and return dates', 'Delivered Nov 22, 2025\nReturn window closed on Dec 22, 2025'],
      ['two unlabelled dates, no Q-See item to choose by', 'Store 5\n03/01/2026\n03/15/2026'],
      ['two order dates that disagree, no Q-See item', 'Order date 1/2/2026\nOrder date 2/3/2026'],
      ['a date only inside an order number', 'Order Number C0410-27-86355'],
      ['a date without a year', 'Arrives Thu, Nov 12'],
      ['print stamp only', '12/30/25, 9:50 PM  Shop.com - Order 111\nthanks'],
      ['empty text', ''],
      ['garbage', '@@@ ### ~~~ 12 34 56 ///'],
      ['a due date alone', 'Due Date 8/26/2026'],
      [
        "a garbled header whose only label is another column's, and a misread date: not the other order's date",
        'oroereuscen       ToTAL     SHIP TO     ORDER # 112-40\nNovember 26, 2025   $9.09\nLED Bulbs\noroereuscen       ToTAL     SHIP TO     ORDER # 112-18\nCovember 19,2025   $10.28\nQ-SEE QCN70018 720p IP Bullet',
      ],
      ["a coupon's validity range", 'Store 9\nCoupon valid 07/01/26 - 07/31/26'],
      ['a maintenance visit', 'Next maintenance visit 6/1/2027'],
      ["an offer's end", 'Offer ends 12/31/2026'],
      ['ready for pickup', 'Ready for pickup 3/3/2026'],
      ['a header naming only other dates', 'Ship Date     Due Date\n01/05/2026    02/05/2026'],
    ])('%s', (_name, text) => {
      expect(dateOf(text)).toBeNull();
    });
  });

  test('says where it found the date and how sure it is', () => {
    const found = purchaseDate(linesOf('BEST BUY\nOrder Date: 10/23/2026', 2));
    expect(found).toMatchObject({ date: '2026-10-23', page: 2, line: 2, evidence: 'Order Date: 10/23/2026' });
    expect(found!.confidence).toBeGreaterThan(0.9);
    expect(purchaseDate(linesOf('Return by 1/1/2026\n12/2/2025', 1))!.confidence).toBeLessThan(found!.confidence);
  });

  test('a multi-page document: the purchase on page 2, delivery on page 1', () => {
    const lines = [...linesOf('Delivery 3/9/2026\nPacking slip', 1), ...linesOf('Invoice\nInvoice Date: 3/1/2026', 2)];
    expect(purchaseDate(lines)).toMatchObject({ date: '2026-03-01', page: 2 });
  });

  describe('a word qualifying "Date" names another date (held-out-like receipts)', () => {
    test.each([
      [
        'duplicate receipt: the reprint date is not the purchase',
        '*** DUPLICATE RECEIPT ***\nReprint Date: 01/09/28 12:27 PM\nMODEL QC938\nST 715 REG 24 TRN 9494\n10/19/27 16:26:01',
        '2027-10-19',
      ],
      [
        'service invoice: install, activation and next billing dates set aside',
        'INVOICE  No. GP-66658\nDate: 05/16/2026\nInstall Date: 05/14/2026\nMonitoring Activation Date: 05/14/2026\nQ-See 4K NVR - Model QH8034B\nNext billing date: 06/15/2026',
        '2026-05-16',
      ],
      ['words that leave "Date" the document\'s own', 'Business Date 11/03/2026\nStatement Date 12/01/2026', '2026-11-03'],
      ['a dotted abbreviation', 'Doc. Date: 03/02/2026\nStart Date: 04/01/2026', '2026-03-02'],
      ['a receipt date abbreviated (receipts-synth2)', 'Rcpt Date: 03/02/2026\nQ-See QCN8019B', '2026-03-02'],
      ['a wide gap is another column, not a qualifier', 'Bill To: Jordan Reyes     Date: 11/03/2026', '2026-11-03'],
    ])('%s', (_name, text, expected) => {
      expect(dateOf(text)).toBe(expected);
    });

    test.each([
      ['an unknown date kind alone', 'Registration Date: 04/02/2026'],
      ['a run date on a report', 'Run Date 11/30/2026'],
    ])('%s: null', (_name, text) => {
      expect(dateOf(text)).toBeNull();
    });
  });

  describe('Spanish labels on US receipts (receipts-synth2)', () => {
    test.each([
      [
        'Fecha is the date; entrega and devoluciones are not',
        'LA TIENDA\nFecha: 04/11/2026  Hora: 10:24\nQ-See QTN8016\nFecha de entrega: 04/15/2026\nDevoluciones hasta 05/11/2026',
        '2026-04-11',
      ],
      ['fecha de compra beats fecha de factura', 'Fecha de factura: 03/05/2026\nFecha de compra: 03/02/2026', '2026-03-02'],
      ['fecha del pedido is the order date', 'Fecha: 06/09/2026\nFecha del pedido: 06/01/2026\nFecha de envío: 06/03/2026', '2026-06-01'],
    ])('%s', (_name, text, expected) => {
      expect(dateOf(text)).toBe(expected);
    });

    test('a delivery date alone is not the purchase', () => {
      expect(dateOf('Fecha de entrega: 04/15/2026\nVence 05/15/2026')).toBeNull();
    });
  });

  describe("values above their captions (an app's list, held-out-like receipts)", () => {
    test.each([
      [
        'return deadline, order date, delivered: each date takes the caption below it',
        'Order GD2638150\nSeptember 15, 2025\nReturn deadline\nAugust 16, 2025\nOrder date\nAugust 20, 2025\nDelivered\nQ-See NVR Kit\nModel QT5682',
        '2025-08-16',
      ],
      [
        'captions above stay above',
        'PURCHASE DATE\nJuly 13, 2026\nReturn & exchange period ends July 28, 2026\nDelivered\nQ-See QT5682',
        '2026-07-13',
      ],
      ['a caption above and below: the one above', 'Ordered\nMar 3, 2026\nPicked up\nMar 5, 2026\nQ-See 4K Camera System', '2026-03-03'],
    ])('%s', (_name, text, expected) => {
      expect(dateOf(text)).toBe(expected);
    });
  });

  describe('a table of orders, one row each (held-out-like receipts)', () => {
    test.each([
      [
        'the Q-See row below later orders: the header reaches every row',
        'ORDER #  DATE  ITEM  TOTAL  STATUS\n287-2741723  06/18/2027  HDMI Cable 10ft  $168.38  Delivered 06/23/2027\n216-9170316  05/09/2027  Surge Protector  $64.09  Delivered 05/12/2027\n818-9262066  04/14/2027  Q-See QH8034B 4K Camera  $227.53  Delivered 04/18/2027',
        '2027-04-14',
      ],
      [
        'the Q-See row in the middle, OCR columns',
        'ORDER #              DATE                ITEM                  STATUS\n358-6210849      07/21/2027      Cat6 Patch Cable 25ft     Delivered 07/25/2027\n902-2323355      07/13/2027      Q-See QCA7202B 4K Camera     Delivered 07/16/2027\n547-6942516      07/03/2027      LED Bulb 4-Pack     Delivered 07/07/2027',
        '2027-07-13',
      ],
      [
        'unlabelled rows: the Q-See row',
        'Your purchases\n11/02/2026  Paper towels  12.99\n10/20/2026  Q-See QT5440 NVR  199.99',
        '2026-10-20',
      ],
    ])('%s', (_name, text, expected) => {
      expect(dateOf(text)).toBe(expected);
    });

    test('a row of another width does not inherit the header', () => {
      expect(dateOf('Date\n11/03/2026\nREG 4 TRN 55 11/01/2026 11/02/2026\nQ-See QT5440')).toBe('2026-11-03');
    });
  });
});
