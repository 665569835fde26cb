/** The sections of the dashboard from the JSON of GET /api/agent/stats (design.md, "Dashboard"). */
import { chartSection } from './dashboardSection.js';
import { handoffLabel } from './vocabulary.js';

const OUTCOMES = {
  covered: 'Covered',
  not_covered: 'Not covered',
  awaiting_proof: 'Awaiting proof',
  needs_agent: 'Needs an agent',
  none: 'No decision yet',
};
const outcomeLabel = (key) => OUTCOMES[key] ?? key;
const average = (n) => (typeof n === 'number' ? n.toFixed(2) : '—');
const seconds = (n) => `${Math.round(n)} s`;
/** CSAT scores are 1 to 5: the axis shows the whole scale unless a score lies outside it. */
const SCORES = { beginAtZero: true, suggestedMax: 5 };
/** [label, value] pairs of an object of counts or averages, the largest first (ties by label): the chart reads as a ranking. */
const entries = (counts, label = (key) => key) =>
  Object.entries(counts ?? {})
    .map(([key, value]) => [label(key), value])
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));

/** Each part of the stats as a chart and its table. */
export function statsSections(stats) {
  const outcomes = Object.keys(OUTCOMES).map((key) => [outcomeLabel(key), stats.claims.byOutcome?.[key] ?? 0]);
  const decided = [
    ['By the assistant', stats.claims.decidedBy?.bot ?? 0],
    ['By people', stats.claims.decidedBy?.agent ?? 0],
  ];
  const response = stats.firstResponseSeconds
    ? [
        ['p50 (median)', stats.firstResponseSeconds.p50],
        ['p90', stats.firstResponseSeconds.p90],
      ]
    : [];
  return [
    chartSection({ id: 'by-outcome', title: 'Claims by outcome', valueHeader: 'Claims', rows: stats.claims.total ? outcomes : [] }),
    chartSection({
      id: 'decided-by',
      title: 'Decided by the assistant or by people',
      valueHeader: 'Decisions',
      kind: 'doughnut',
      rows: decided.some(([, n]) => n > 0) ? decided : [],
    }),
    chartSection({
      id: 'by-reason',
      title: 'Hand-offs by reason',
      valueHeader: 'Hand-offs',
      rows: entries(stats.handoffs.byReason, (code) => handoffLabel(code) ?? code),
    }),
    chartSection({
      id: 'first-response',
      title: 'Time to first agent response',
      valueHeader: 'Seconds',
      rows: response,
      format: seconds,
      axis: { beginAtZero: true },
      empty: 'No agent answered a hand-off in this period.',
    }),
    chartSection({
      id: 'csat-by-outcome',
      title: 'CSAT by outcome',
      valueHeader: 'Average score',
      rows: entries(stats.csat.byOutcome, outcomeLabel),
      format: average,
      axis: SCORES,
      empty: 'No ratings in this period.',
    }),
    chartSection({
      id: 'csat-by-agent',
      title: 'CSAT by agent',
      valueHeader: 'Average score',
      rows: entries(stats.csat.byAgent),
      format: average,
      axis: SCORES,
      empty: 'No ratings of agents in this period.',
    }),
  ];
}

/** The totals above the charts. */
export function statsSummary(stats) {
  const csat = stats.csat.count ? `${stats.csat.count} ratings, average ${average(stats.csat.average)}` : 'no ratings';
  return `${stats.claims.total} claims · ${stats.handoffs.total} hand-offs · ${csat} · ${stats.dateCorrections} date corrections`;
}
