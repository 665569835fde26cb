/**
 * The supervisor's dashboard (/agent/dashboard): the page is public like the console, its numbers come
 * from GET /api/agent/stats, which answers admins only. It uses the console's sign-in (the same tab's
 * token); anyone else is told why they see nothing.
 */
import { api, whenSessionEnds } from './api.js';
import { showCorrections } from './dashboardCorrections.js';
import { lastDays, periodQuery } from './dashboardPeriod.js';
import { statsSections, statsSummary } from './dashboardStats.js';
import { byId, el } from './dom.js';
import { reporting } from './problem.js';
import { session } from './session.js';
import { loadVocabulary } from './vocabulary.js';

let charts = [];
/** Which period asked last: an answer to an earlier one that comes back later is not drawn. */
let asked = 0;
/** Periods asked and not yet answered: the figures are marked busy (aria-busy) meanwhile. */
let waiting = 0;
const busy = (change) => {
  waiting += change;
  byId('dashboard').setAttribute('aria-busy', String(waiting > 0));
};

function refuse(message) {
  const problem = byId('problem');
  problem.replaceChildren(message, ' ', el('a', { href: '/agent', text: 'Go to the agent console' }));
  problem.hidden = false;
  byId('dashboard').hidden = true;
}
whenSessionEnds(() => refuse('Your session has ended; please sign in again.'));

const period = () => ({ from: byId('from').value, to: byId('to').value });

/** Takes the figures off the page: they are of the period in the fields, or there are none. */
function clearFigures() {
  for (const chart of charts) chart.destroy();
  charts = [];
  byId('sections').replaceChildren();
  byId('summary').textContent = '';
  byId('corrections-count').textContent = '';
  byId('corrections-list').replaceChildren();
}

async function show() {
  const query = periodQuery(period());
  const mine = ++asked;
  busy(+1);
  // a period refused (or not answered) leaves no figures of the one before under the new days
  const stats = await api(`/api/agent/stats?${query}`)
    .catch((error) => {
      if (mine !== asked) return null;
      clearFigures();
      throw error;
    })
    .finally(() => busy(-1));
  if (mine !== asked) return;
  clearFigures();
  const sections = statsSections(stats);
  byId('sections').replaceChildren(...sections.map((s) => s.card));
  charts = sections.map((s) => s.draw()).filter(Boolean);
  byId('summary').textContent = statsSummary(stats);
  await showCorrections({
    count: stats.dateCorrections,
    query,
    token: session.token,
    where: { count: byId('corrections-count'), list: byId('corrections-list') },
    current: () => mine === asked,
  });
}

/** Shows what went wrong in the banner, keeping the page (a period can be picked again). */
const reportingHere = (work) => reporting(byId('problem'), work);

function choose({ from, to }) {
  byId('from').value = from;
  byId('to').value = to;
  return reportingHere(show);
}

/** The CSV needs the token, so it is fetched and saved from a Blob rather than linked. */
async function exportCsv() {
  const { from, to } = period();
  const response = await fetch(`/api/agent/stats.csv?${periodQuery({ from, to })}`, {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  if (response.status === 401) return refuse('Your session has ended; please sign in again.');
  if (!response.ok) {
    // the server's reason (a period it refuses says which way), not only its status
    const body = await response.json().catch(() => null);
    throw new Error(`The CSV could not be made: ${body?.error?.message || `the server answered ${response.status}.`}`);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: `claims-${from}-to-${to}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function enter() {
  if (!session.token) return refuse('Sign in to the agent console first.');
  session.me = await api('/api/agent/me');
  byId('who').textContent = `${session.me.displayName} (${session.me.role})`;
  if (session.me.role !== 'admin') return refuse('Only an admin can see the dashboard.');
  // hand-off reasons by the words the console uses ("Asked for a person"), not their codes
  await loadVocabulary();
  byId('dashboard').hidden = false;
  byId('period').addEventListener('submit', (e) => {
    e.preventDefault();
    void reportingHere(show);
  });
  byId('last-7').addEventListener('click', () => choose(lastDays(7, session.me.supportTimeZone)));
  byId('last-30').addEventListener('click', () => choose(lastDays(30, session.me.supportTimeZone)));
  byId('export-csv').addEventListener('click', () => reportingHere(exportCsv));
  return choose(lastDays(7, session.me.supportTimeZone));
}

enter().catch((error) => refuse(error.message));
