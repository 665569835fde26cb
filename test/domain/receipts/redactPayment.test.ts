import { redactPayment } from '../../../src/domain/receipts/redactPayment';

describe('redactPayment: no payment details in the stored text', () => {
  test.each([
    ['a full card number, spaced', 'VISA 4111 1111 1111 1111', '4111'],
    ['a full card number, run together', 'Card 5500000000000004', '5500000000000004'],
    ['a masked card number keeps no digits', 'MASTERCARD ************4832', '4832'],
    ['masked with X groups', 'XXXX-XXXX-XXXX-1234', '1234'],
    ['last four after a brand', 'Discover | Last digits: 6459', '6459'],
    ['ending in', 'American Express ending in 4521', '4521'],
    ['authorisation code', 'CONTACTLESS AUTH: 85938L', '85938L'],
    ['approval code', 'APPROVAL CODE 012345', '012345'],
    ['card expiry', 'EXP 09/28', '09/28'],
    ['CVV', 'CVV: 123', '123'],
    ['bank account', 'Account No. 000123456789', '000123456789'],
    ['chip card application id', 'AID A0000000092216', 'A0000000092216'],
    ['routing number', 'Routing # 021000021', '021000021'],
  ])('%s', (_name, text, secret) => {
    const redacted = redactPayment(text);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain('[redacted]');
  });

  describe('what stays', () => {
    test.each([
      ['a purchase date', 'Order Date 10/23/2026'],
      ['a thermal timestamp', '9/11/2026 16:29'],
      ['prices and totals', 'TOTAL 401.01 SUBTOTAL 367.95'],
      ['a model and SKU', 'Model: QCN7001B SKU: 1556946'],
      ['an order number', 'ORDER # 112-8715357-3630719'],
      ['a phone number', '(816) 555-0172'],
      ['words that start like a label', 'Authorized by: Jo Lee. Expected delivery Friday'],
      ['a first aid kit', '1 First Aid Kit 12.99'],
      ['empty', ''],
    ])('%s', (_name, text) => {
      expect(redactPayment(text)).toBe(text);
    });
  });
});
