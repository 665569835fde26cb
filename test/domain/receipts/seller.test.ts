import { linesOf } from '../../../src/domain/receipts/receiptText';
import { seller } from '../../../src/domain/receipts/seller';

const sellerOf = (text: string) => seller(linesOf(text, 1))?.seller ?? null;

describe('seller: who sold it', () => {
  test.each([
    [
      'purchase order: the vendor, not the buyer on the letterhead',
      'Lakeside Schools District\nPURCHASE ORDER\nPO Number: 26-1\nVENDOR\nNorthwind Camera Supply Co.\n11 Main St',
      'Northwind Camera Supply Co',
    ],
    [
      'purchase order read in two columns by OCR',
      'Lakeside Schools District PURCHASE ORDER\nPO Number: 26-1\nVENDOR SHIP TO\nNorthwind Camera Supply Co. Lakeside Schools District\n11 Main St',
      'Northwind Camera Supply Co',
    ],
    [
      'installer invoice: payable to',
      'Acme Alarm INVOICE\nBill To\nJo Lee\nPlease make checks payable to Acme Alarm Inc. Thank you!',
      'Acme Alarm Inc',
    ],
    ['app: purchased at (label above)', 'PURCHASE DATE\nJuly 13, 2026\nPURCHASED AT\nGadget Barn Seattle (#2537)', 'Gadget Barn Seattle'],
    ['email: the sender', 'From: Camera World <orders@cameraworld.example>\nSent: Tuesday, February 3, 2026', 'Camera World'],
    [
      'email footer: the copyright holder',
      'Thanks for your order!\n© 2025 Widget Depot Corporation, 1 Widget Park, Springfield',
      'Widget Depot Corporation',
    ],
    ['a web shop logo printed as its address', 'shopmart.com\nYour Orders\nORDER PLACED', 'Shopmart'],
    [
      'a webmail screenshot: the folder line is not the seller',
      'Inbox · Order Confirmation\nPorchlight Electronics\nThanks for your order, Jordan!',
      'Porchlight Electronics',
    ],
    ['an order status line is not the seller', 'Delivered Sun, Mar 8\nGadget Barn\nOrder details', 'Gadget Barn'],
    ['an arrival banner is not the seller', 'Arriving Friday\nValuway\nStore purchase', 'Valuway'],
    ['a store name beside its store number', 'Order Details\nHomeway Boise (#1944)', 'Homeway Boise'],
    ['a loyalty line names the chain', 'STR 5542 REG 91\n9/11/2026 16:29\nMy Gizmo Mart Member # 4802511947', 'Gizmo Mart'],
    ['app: sold at (label above)', 'Ordered\nMar 3, 2026\nSold at\nTri-County TechMart', 'Tri-County TechMart'],
    ['remit to', 'INVOICE\nRemit to: Lakeview Security Pros, PO Box 12, Austin TX', 'Lakeview Security Pros'],
    ['thank you for shopping at', 'Store 12\nTHANK YOU FOR SHOPPING AT HOMEWAY!', 'HOMEWAY'],
    ['the letterhead above numbered fields', 'VALLEY GOODS CLUB\nWAREHOUSE #318\nAPPROVAL # 04418', 'VALLEY GOODS CLUB'],
    ['the letterhead of a store receipt', 'GIZMO MART\nStore 4458 - Raleigh\n(919) 555-0185', 'GIZMO MART'],
  ])('%s', (_name, text, expected) => {
    expect(sellerOf(text)).toBe(expected);
  });

  describe('store headings (receipts-synth2)', () => {
    test.each([
      ['a town and store number under the chain name', 'BULKWAY\nWHOLESALE\nTulsa #318\n8120 E 71st St', 'BULKWAY'],
      ['a chain name with its store number is still the seller', 'Office Depot #1944\n1 Main St', 'Office Depot'],
      ['a one-word chain name with its number on top', 'TARGET #1234\nT-1234 TRN 55', 'TARGET'],
      ['a logo printed letter-spaced', 'V O LTA R A\n#0451\n600 Pike St', 'VOLTARA'],
      [
        'a Spanish invoice: "Total" inside the name, "Factura" and "Fecha" are not names',
        'Seguridad Total del Valle\n1200 S Texas Blvd, Weslaco TX 78596\nFactura\nFecha de factura: 08/14/2026',
        'Seguridad Total del Valle',
      ],
      ['"Factura" is a document word', 'Factura\nFecha de compra: 08/10/2026\nLa Casa del Radio', 'La Casa del Radio'],
      ['an amount line is not a name', 'Grand Total\nTOTAL\nKite Audio', 'Kite Audio'],
      ['letter-spaced capitals, one letter each', 'K I T E  A U D I O\nTOTAL 9.99', 'KITE AUDIO'],
    ])('%s', (_name, text, expected) => {
      expect(sellerOf(text)).toBe(expected);
    });
  });

  describe('edge cases', () => {
    test.each([
      ['nothing name-like', '12345\n$10.00\n9/11/2026 16:29'],
      ['empty', ''],
      ['OCR noise is not a letterhead', 'CR RRR RR RRR RR RR RRR\n12345'],
      ['vowel-only noise is not a letterhead', 'RR RRR RRR EEE\n12345'],
      ['a 0 read as © is not a copyright line', 'Items Returned: © Expires 2027-06-11'],
      ['numbered receipt fields are not store names', 'APPROVAL # 04418\nWAREHOUSE #318\nTRANS # 5521'],
      ['a personal sender is not the seller', 'From: Jo Lee <jo.lee@gmail.com>\n9/11/2026'],
    ])('%s', (_name, text) => {
      expect(sellerOf(text)).toBeNull();
    });

    test('a long name is cut to a few words', () => {
      expect(
        sellerOf('Please make checks payable to One Two Three Four Five Six Seven Eight Nine Ten.')!.split(' ').length,
      ).toBeLessThanOrEqual(7);
    });
  });
});
