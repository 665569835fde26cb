/** Whether the server sends email (SMTP_URL set), read once after sign-in: without it the console offers no email at all. */
import { api } from './api.js';

let enabled = false;

export async function loadMailSettings() {
  // a server that cannot say (an older one without the route) is one that sends no mail
  enabled = (await api('/api/agent/mail-settings').catch(() => null))?.enabled === true;
  return enabled;
}

export const mailEnabled = () => enabled;
