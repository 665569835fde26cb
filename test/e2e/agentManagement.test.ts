import type { Browser, Page } from 'playwright-core';
import { agentSignsIn, launchBrowser, shot } from '../helpers/browser';
import { startTestApp } from '../helpers/testApp';

/**
 * Admins manage agents in the console, in a real browser against the real app: the admin adds a
 * colleague, who signs in; the admin edits and then disables them, and the colleague's console is
 * signed out while their sign-in is refused with the reason.
 */
let browser: Browser;
let ctx: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  ctx = await startTestApp();
});
afterEach(async () => {
  await ctx.app.close();
});

jest.setTimeout(90_000);

const BO = { username: 'bo', password: 'password-bo' };
const row = (page: Page, username: string) => page.locator(`#agent-list li[data-username="${username}"]`);

test('an admin adds a colleague, who signs in; the admin disables them, and they are out', async () => {
  const admin = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  const errors: string[] = [];
  admin.on('pageerror', (e) => errors.push(e.message));
  // "Disable" asks first: what the admin was asked, and whether they say yes
  const asked: string[] = [];
  let confirm = true;
  admin.on('dialog', (dialog) => {
    asked.push(dialog.message());
    void (confirm ? dialog.accept() : dialog.dismiss());
  });
  await agentSignsIn(admin, ctx.base);
  await admin.getByRole('button', { name: 'Agents', exact: true }).click();
  await row(admin, 'ana').waitFor();

  // a password too short: the server's reason is shown, nothing is added
  await admin.fill('#new-username', 'bo');
  await admin.fill('#new-display-name', 'Bo Berg');
  await admin.fill('#new-password', 'short');
  await admin.getByRole('button', { name: 'Add agent' }).click();
  await admin
    .locator('#agents-problem')
    .getByText(/at least 8 characters/)
    .waitFor();
  await shot(admin, 'agents-refused-password');

  await admin.fill('#new-password', BO.password);
  await admin.fill('#new-capacity', '2');
  await admin.getByRole('button', { name: 'Add agent' }).click();
  await row(admin, 'bo').waitFor();
  expect(await row(admin, 'bo').locator('.line').textContent()).toMatch(/bo Bo Berg · agent · capacity 2 · enabled/);
  expect(await admin.locator('#agents-problem').isHidden()).toBe(true);
  await shot(admin, 'agents-colleague-added');

  // the same username again: refused, said so
  await admin.fill('#new-username', 'bo');
  await admin.fill('#new-display-name', 'Another Bo');
  await admin.fill('#new-password', 'another password');
  await admin.getByRole('button', { name: 'Add agent' }).click();
  await admin
    .locator('#agents-problem')
    .getByText(/already an agent/)
    .waitFor();

  const colleague = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  await agentSignsIn(colleague, ctx.base, BO);
  await colleague.locator('#who').getByText('Bo Berg (agent)').waitFor();
  expect(await colleague.locator('#show-agents').isHidden()).toBe(true);
  await shot(colleague, 'agents-colleague-signed-in');

  // edit: the capacity back to the default, a new display name
  await row(admin, 'bo').getByText('Edit').click();
  await row(admin, 'bo').getByLabel('Display name of bo').fill('Bo B.');
  await row(admin, 'bo').getByLabel('Capacity of bo').fill('');
  await row(admin, 'bo').getByRole('button', { name: 'Save' }).click();
  await row(admin, 'bo')
    .locator('.line')
    .getByText(/Bo B\. · agent · capacity default/)
    .waitFor();

  // the last admin cannot disable themself: said so
  await row(admin, 'ana').getByRole('button', { name: 'Disable' }).click();
  await admin
    .locator('#agents-problem')
    .getByText(/last enabled admin/)
    .waitFor();

  // asked, and the admin says no: nothing changes
  confirm = false;
  await row(admin, 'bo').getByRole('button', { name: 'Disable' }).click();
  expect(asked.at(-1)).toBe('Disable Bo B. (bo)? They are signed out and cannot sign in. They have no open chats.');
  expect(await row(admin, 'bo').locator('.state').textContent()).toBe('enabled');
  confirm = true;
  await row(admin, 'bo').getByRole('button', { name: 'Disable' }).click();
  await row(admin, 'bo').locator('.state').getByText('disabled').waitFor();
  await shot(admin, 'agents-colleague-disabled');

  // the colleague's console notices on its next request: back to the sign-in, where the reason is given
  await colleague.reload();
  await colleague.locator('#login-form').waitFor();
  await agentSignsIn(colleague, ctx.base, BO);
  await colleague
    .locator('#login-error')
    .getByText(/disabled/)
    .waitFor();
  await shot(colleague, 'agents-colleague-refused');
  expect(errors).toEqual([]);
});
