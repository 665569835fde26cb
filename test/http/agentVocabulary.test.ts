import { loadPolicy } from '../../src/config/loadPolicy';
import { CLAIM_STATUSES } from '../../src/domain/claim';
import { LIFECYCLE } from '../../src/domain/claimLifecycle';
import { DECISION_REASONS, HANDOFF_REASONS } from '../../src/domain/eligibility';
import { SKIP_REASONS, UNREADABLE_REASONS } from '../../src/receipts/reading';
import { agentVocabulary } from '../../src/server/agentVocabulary';
import { OTHER_BRAND_POLICY_FILE, qseePolicy } from '../helpers/policy';
import { agentToken, startTestApp } from '../helpers/testApp';

let ctx: Awaited<ReturnType<typeof startTestApp>>;
beforeEach(async () => {
  ctx = await startTestApp();
});
afterEach(async () => {
  await ctx.app.close();
});

const codes = (terms: { code: string }[]) => terms.map((t) => t.code);

describe('GET /api/agent/vocabulary', () => {
  test('refuses a caller without a token, or with a forged one', async () => {
    expect((await fetch(`${ctx.base}/api/agent/vocabulary`)).status).toBe(401);
    const forged = await fetch(`${ctx.base}/api/agent/vocabulary`, { headers: { Authorization: 'Bearer forged' } });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
  });

  test("serves the server's own lists, each code with a label, and the policy's brand and window", async () => {
    const token = await agentToken(ctx.base);
    const res = await fetch(`${ctx.base}/api/agent/vocabulary`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ReturnType<typeof agentVocabulary>;
    const policy = loadPolicy();
    expect(body.brand).toBe(policy.brand);
    expect(body.windowDays).toBe(policy.window.days);
    expect(codes(body.statuses)).toEqual([...CLAIM_STATUSES]);
    expect(codes(body.handoffReasons)).toEqual([...HANDOFF_REASONS]);
    expect(codes(body.decisionReasons)).toEqual([...DECISION_REASONS]);
    expect(new Set(codes(body.actions))).toEqual(new Set(LIFECYCLE.map((rule) => rule.action)));
    expect(codes(body.readingProblems)).toEqual([...UNREADABLE_REASONS, ...SKIP_REASONS]);
    for (const term of [...body.statuses, ...body.handoffReasons, ...body.decisionReasons, ...body.actions, ...body.readingProblems])
      expect(term.label).toEqual(expect.any(String));
  });
});

describe('agentVocabulary', () => {
  test("the console's words for Q-See are the ones it showed before they were served", () => {
    const words = agentVocabulary(qseePolicy());
    expect(words.brand).toBe('Q-See');
    expect(words.decisionReasons).toEqual([
      { code: 'outside_warranty_period', label: 'Outside the 30-day warranty', outcome: 'not_covered' },
      { code: 'excluded_condition', label: 'Excluded condition', outcome: 'not_covered' },
      { code: 'no_proof_of_purchase', label: 'No proof of purchase', outcome: 'awaiting_proof' },
    ]);
    expect(words.handoffReasons.find((t) => t.code === 'customer_request')?.label).toBe('Asked for a person');
    expect(words.statuses.find((t) => t.code === 'pending_agent')?.label).toBe('pending agent');
  });

  test("another brand's policy names its own brand and window", () => {
    const words = agentVocabulary(loadPolicy(OTHER_BRAND_POLICY_FILE));
    expect(words.brand).toBe('Acme Cams');
    expect(words.windowDays).toBe(90);
    expect(words.decisionReasons[0].label).toBe('Outside the 90-day warranty');
  });
});

describe("the console's modules", () => {
  test('are served from /static/agent/ with the pages’ security headers; nothing else is', async () => {
    const page = await fetch(`${ctx.base}/agent`);
    expect(await page.text()).toContain('<script type="module" src="/static/agent/main.js">');
    const main = await fetch(`${ctx.base}/static/agent/main.js`);
    expect(main.status).toBe(200);
    expect(main.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(main.headers.get('content-security-policy')).toBe(page.headers.get('content-security-policy'));
    expect(main.headers.get('x-frame-options')).toBe('DENY');
    for (const path of ['/static/agent/missing.js', '/static/agent/..%2Fagent.css', '/static/agent/agent.css', '/static/agent.js'])
      expect((await fetch(`${ctx.base}${path}`)).status).toBe(404);
  });
});
