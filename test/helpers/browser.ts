import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { FILES } from './harness';
import { AGENT, startTestApp } from './testApp';

export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Types into Web Chat's own send box and sends. */
export async function send(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
}

/** Waits until the chat shows a message containing `text`. */
export async function sees(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  try {
    await page.getByText(text).last().waitFor({ timeout });
  } catch (error) {
    await shot(page, `failed-waiting-${String(text).replace(/\W+/g, '-').slice(0, 40)}`);
    throw error;
  }
}

/**
 * For a test file: one browser for all its tests and a fresh server (fixed clock) for each; read
 * `env.browser` and `env.ctx` inside the tests.
 */
export function browserAndServerPerTest(now = '2026-03-02T17:30:00Z') {
  const env = {} as { browser: Browser; ctx: Awaited<ReturnType<typeof startTestApp>> };
  beforeAll(async () => {
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
  });
  beforeEach(async () => {
    env.ctx = await startTestApp({ now });
  });
  afterEach(async () => {
    await env.ctx.app.close();
  });
  return env;
}

/** A customer on the help page who makes a claim and then asks for a person. */
export async function customerAsksForAPerson(customer: Page, base: string): Promise<void> {
  await customer.goto(`${base}/`);
  await sees(customer, 'What can I do for you?');
  await send(customer, 'my QT5682 died, I bought it February 20th');
  await sees(customer, 'Do you have a proof of purchase?');
  await send(customer, 'can I talk to a real person please?');
  await sees(customer, /bringing in a member of our support team/);
}

/** Attaches the tiny test receipt in Web Chat and sends it (the paperclip is marked once the file is attached). */
export async function uploadsReceipt(page: Page, fileName = 'receipt.jpg'): Promise<void> {
  const receipt = path.join(ARTIFACTS, fileName);
  writeFileSync(receipt, FILES['receipt.jpg']);
  await page.locator('input[type="file"]').setInputFiles(receipt);
  await page.locator('.webchat__attachment-icon--checked').waitFor();
  await page.locator('[data-id="webchat-sendbox-input"]').press('Enter');
}

/** The agent signs in to the console. */
export async function agentSignsIn(agent: Page, base: string, who = AGENT): Promise<void> {
  await agent.goto(`${base}/agent`);
  await agent.fill('#username', who.username);
  await agent.fill('#password', who.password);
  await agent.click('button[type="submit"]');
}
