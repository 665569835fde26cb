import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startTestApp } from './testApp';

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
