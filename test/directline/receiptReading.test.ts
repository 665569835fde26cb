import { claimUpToTheUpload, rawDirectLineCustomer } from '../helpers/rawDirectLine';
import { agentToken, startTestApp } from '../helpers/testApp';
import { renderReceipt } from '../receipts/receiptFiles';

// The proof reader in the running server (issue 22, item 2): a receipt image the test draws goes up
// through our Direct Line, the app's ReaderPool (a real worker thread, tesseract) reads it off the
// turn path, and the decision waits for it. Monday 2026-03-02; the customer says February 20 (inside
// the 30-day window), the receipt says January 10 (outside it).
jest.setTimeout(90_000);

test('a receipt whose date would decide differently is asked about, and a kept conflict goes to a person with the reading', async () => {
  // a long wait, so the outcome does not depend on how busy the machine is
  const { app, base } = await startTestApp({ readReceipts: true, env: { RECEIPT_READ_WAIT_MS: '30000' } });
  const customer = await rawDirectLineCustomer(base);
  try {
    const receipt = await renderReceipt([
      'BEST BUY #1187',
      'Order Date: 01/10/2026',
      'Q-SEE 4K BULLET CAMERA',
      'MODEL QT5682',
      'TOTAL $129.99',
    ]);
    await claimUpToTheUpload(customer);
    expect(await customer.upload('receipt.png', receipt)).toBe(200);
    await customer.asked('problem');
    await customer.say("it won't power on anymore");
    await customer.asked('conditions');
    await customer.say('no, none of that');
    await customer.asked('confirm');
    await customer.say('yes');
    const question = await customer.asked('purchaseDateReceipt');
    expect(question.text).toBe('Your receipt shows January 10 — you said February 20. Which is right?');
    await customer.say('February 20, 2026');
    await customer.until((a) => a.type === 'event' && a.name === 'handoff.initiate');

    const token = await agentToken(base);
    const [claim] = (await (
      await fetch(`${base}/api/agent/claims?conversationId=${customer.session.conversationId}`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json()) as any[];
    expect(claim).toMatchObject({
      status: 'pending_agent',
      handoff: { reason: 'receipt_mismatch' },
      purchase: { date: '2026-02-20' },
      proof: {
        receipt: { purchaseDate: '2026-01-10', seller: 'BEST BUY', models: ['QT5682'], agreesWithStated: false, customerAnswer: 'stated' },
      },
    });
    expect(claim.proof.files[0].reading).toMatchObject({ status: 'read', source: 'ocr' });
    expect(claim.decision.outcome).not.toBe('not_covered');
  } finally {
    customer.close();
    await app.close();
  }
});
