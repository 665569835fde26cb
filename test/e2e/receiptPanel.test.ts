import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, agentSignsIn, launchBrowser, sees, send, shot } from '../helpers/browser';
import { startTestApp } from '../helpers/testApp';
import { renderReceipt } from '../receipts/receiptFiles';

/**
 * The console shows the proof reader's reading beside the file (issue 22, item 3): a customer uploads
 * a receipt dated January 10 in Web Chat and says February 20; the real reader (worker thread,
 * tesseract) reads it off the turn path. The agent sees date, seller, models with how sure the reader
 * was, that it differs from what the customer said, and the line the date was read from marked on the
 * image; she corrects the reading, and the correction is recorded and noted.
 */
jest.setTimeout(120_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('the agent sees the reading beside the file, where the date was found, and corrects it', async () => {
  const { app, base } = await startTestApp({ now: '2026-03-02T17:30:00Z', readReceipts: true, env: { RECEIPT_READ_WAIT_MS: '30000' } });
  try {
    const customer = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await customer.goto(`${base}/`);
    await sees(customer, 'What can I do for you?');
    await send(customer, 'my QT5682 died, I bought it February 20th');
    await sees(customer, 'Do you have a proof of purchase?');
    await send(customer, 'yes, I have the receipt');
    await sees(customer, /Please upload a photo/);
    const file = path.join(ARTIFACTS, 'panel-receipt.png');
    writeFileSync(
      file,
      await renderReceipt(['BEST BUY #1187', 'Order Date: 01/10/2026', 'Q-SEE 4K BULLET CAMERA', 'MODEL QT5682', 'TOTAL $129.99']),
    );
    await customer.locator('input[type="file"]').setInputFiles(file);
    await customer.locator('.webchat__attachment-icon--checked').waitFor();
    await customer.locator('[data-id="webchat-sendbox-input"]').press('Enter');
    await sees(customer, /Thanks, I’ve got “panel-receipt.png”/);
    await send(customer, 'can I talk to a real person please?');
    await sees(customer, /bringing in a member of our support team/);

    const ana = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const errors: string[] = [];
    ana.on('pageerror', (e) => errors.push(e.message));
    await agentSignsIn(ana, base);
    await ana.getByRole('button', { name: 'Accept' }).first().click();
    await sees(customer, /ana from Q-See support/);

    // the reading lands off the turn path; the console shows it when it does
    const panel = ana.locator('.panel.receipt .reading');
    await shot(ana, 'receipt-panel-accepted');
    await panel.getByText(/2026-01-10 \(\d+% sure\) — page 1, line \d+: “Order Date: 01\/10\/2026”/).waitFor({ timeout: 60_000 });
    const text = (await panel.textContent()) ?? '';
    expect(text).toMatch(/Read by OCR/);
    expect(text).toMatch(/BEST BUY( #1187)? \(\d+% sure\)/);
    expect(text).toMatch(/QT5682 \(\d+% sure\)/);
    expect(text).toMatch(/Differs from the customer's date/);

    await panel.getByRole('button', { name: 'Show where the date is' }).click();
    const image = panel.locator('.spot-view img');
    const spot = panel.locator('.spot-view .spot');
    await image.waitFor();
    await ana.waitForFunction(() => {
      const img = (globalThis as any).document.querySelector('.spot-view img');
      return img?.complete && img.naturalWidth > 0;
    });
    const [imageBox, spotBox] = await Promise.all([image.boundingBox(), spot.boundingBox()]);
    // the second of five lines: the box sits in the upper half of the drawing, across the printed text
    const top = (spotBox!.y - imageBox!.y) / imageBox!.height;
    expect(top).toBeGreaterThan(0.05);
    expect(top).toBeLessThan(0.5);
    expect(spotBox!.width).toBeGreaterThan(imageBox!.width * 0.2);
    await shot(ana, 'receipt-panel-spot');

    // a reply half written survives the claim view being drawn again (a reading landing, a correction)
    await ana.getByLabel('Message to the customer').fill('Let me check your receipt');
    await panel.getByText('Correct the reading').click();
    await panel.getByLabel('Receipt date').fill('2026-02-20');
    await panel.getByRole('button', { name: 'Save the reading' }).click();
    await panel.getByText('Corrected by an agent:').waitFor();
    await panel.getByText(/Agrees with the customer's date/).waitFor();
    await ana
      .getByText(/Corrected receipt reading/)
      .first()
      .waitFor();
    expect(await ana.getByLabel('Message to the customer').inputValue()).toBe('Let me check your receipt');
    await shot(ana, 'receipt-panel-corrected');

    const storage = app.storage;
    const [id] = await storage.claims.chatsOf('ana');
    expect(await storage.corrections.of(id!)).toEqual([
      expect.objectContaining({
        field: 'receipt',
        oldValue: expect.stringMatching(/^2026-01-10 · BEST BUY.* · QT5682$/),
        newValue: expect.stringMatching(/^2026-02-20 · BEST BUY.* · QT5682$/),
        agent: 'ana',
      }),
    ]);
    expect((await storage.claims.get(id!))?.proof.receipt).toMatchObject({
      purchaseDate: '2026-02-20',
      agreesWithStated: true,
      correctedByAgent: true,
    });
    expect(errors).toEqual([]);
  } finally {
    await app.close();
  }
});
