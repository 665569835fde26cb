import type { BrowserContext } from 'playwright-core';

/**
 * Before any of the console's scripts (as text: this file is compiled without the DOM's types): the
 * notifications it shows through the Notification API are recorded in `window.__shown` as
 * `{ title, body }`, permission is granted, and the test decides whether the page has the focus
 * (`window.__focused`, `focused` at first).
 */
const recordNotifications = (focused: boolean) => `
  window.__shown = [];
  window.__focused = ${focused};
  class Recorded extends EventTarget {
    constructor(title, options) {
      super();
      window.__shown.push({ title, body: options && options.body });
    }
    close() {}
    static get permission() { return 'granted'; }
    static requestPermission() { return Promise.resolve('granted'); }
  }
  window.Notification = Recorded;
  Document.prototype.hasFocus = () => window.__focused;
`;

/** Records the notifications of every page the context opens from now on (see recordNotifications). */
export async function recordsNotifications(context: BrowserContext, options: { focused: boolean }): Promise<void> {
  await context.addInitScript({ content: recordNotifications(options.focused) });
}
