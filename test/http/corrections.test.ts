import type { DirectLine } from 'botframework-directlinejs';
import { claimUpToTheUpload, rawDirectLineCustomer } from '../helpers/rawDirectLine';
import { addedAgentToken, agentToken, callApi, startTestApp } from '../helpers/testApp';
import { webChatCustomer } from '../helpers/webChatCustomer';
import { renderReceipt } from '../receipts/receiptFiles';

/*
 * Agents correct a claim's facts (issue 21, item 1): the agent who has the chat or an admin; each
 * correction recorded (who, when, old and new, the customer's words for a date), a note on the claim, and
 * the policy's decision on the corrected facts suggested — the resolve stays the agent's act.
 * `ana` is the bootstrap admin; Bo and Cy are agents. On both stores (TEST_STORE=postgres).
 */
jest.setTimeout(60_000);
let ctx: Awaited<ReturnType<typeof startTestApp>>;
let admin: string;
const customers: DirectLine[] = [];
beforeEach(async () => {
  // Monday 2026-03-02, 12:30 in New York
  ctx = await startTestApp({ now: '2026-03-02T17:30:00Z' });
  admin = await agentToken(ctx.base);
});
afterEach(async () => {
  for (const dl of customers.splice(0)) dl.end();
  await ctx.app.close();
});

const call = (method: string, path: string, token?: string, body?: unknown, contentType?: string) =>
  callApi(ctx.base, method, path, token, body, contentType);
const addAgent = (username: string, displayName: string) => addedAgentToken(ctx.base, admin, username, displayName);

/** A customer who names the product and a purchase date the assistant reads as outside the window, then asks for a person. */
async function customerWithADate(purchaseWords = 'I bought it 5 weeks ago') {
  const { until, say, session } = await webChatCustomer(ctx.base, customers);
  await say('my camera stopped working');
  await until((a) => a.channelData?.prompt === 'product');
  await say('QT5682');
  await until((a) => a.channelData?.prompt === 'purchaseDate');
  await say(purchaseWords);
  // the next question: the proof, or first a check of a date outside the window
  await until((a) => a.channelData?.prompt === 'proofType' || a.channelData?.prompt === 'confirm');
  await say('I want to talk to a person');
  const handoff = await until((a) => a.type === 'event' && a.name === 'handoff.initiate');
  return { claimId: handoff.value.claimId as string, customerToken: session.token as string };
}

const correct = (id: string, token: string | undefined, body: unknown, contentType?: string) =>
  call('POST', `/api/agent/claims/${id}/corrections`, token, body, contentType);
const claimOf = async (id: string) => (await (await call('GET', `/api/agent/claims/${id}`, admin)).json()) as any;
const notesOf = async (id: string) => (await (await call('GET', `/api/agent/claims/${id}/notes`, admin)).json()) as any[];
const correctionsOf = async (id: string) => (await (await call('GET', `/api/agent/claims/${id}/corrections`, admin)).json()) as any[];

describe('correcting a purchase date', () => {
  test('the agent with the chat corrects it: recorded with the words read, noted, and the decision on the new facts suggested', async () => {
    const bo = await addAgent('bo', 'Bo Berg');
    const { claimId } = await customerWithADate();
    const before = await claimOf(claimId);
    expect(before.purchase).toMatchObject({ text: 'I bought it 5 weeks ago', date: '2026-01-26' });
    expect((await call('POST', `/api/agent/claims/${claimId}/accept`, bo)).status).toBe(200);

    const res = await correct(claimId, bo, { field: 'purchase_date', value: '2026-02-20' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    // inside the window now, no exclusion, no receipt file yet: the policy waits for proof
    expect(body.suggested).toEqual({ outcome: 'awaiting_proof', reasons: ['no_proof_of_purchase'], handoffReason: null });
    expect(body.correction).toEqual({ field: 'purchase_date', oldValue: '2026-01-26', newValue: '2026-02-20' });
    // the facts change, not the status or the decision: resolving stays the agent's act
    expect(body.claim).toMatchObject({ status: 'with_agent', purchase: { text: 'I bought it 5 weeks ago', date: '2026-02-20' } });
    expect((await claimOf(claimId)).purchase.date).toBe('2026-02-20');

    expect(await correctionsOf(claimId)).toEqual([
      {
        claimId,
        field: 'purchase_date',
        oldValue: '2026-01-26',
        newValue: '2026-02-20',
        agent: 'bo',
        at: '2026-03-02T17:30:00.000Z',
        customerWords: 'I bought it 5 weeks ago',
      },
    ]);
    const note = (await notesOf(claimId)).at(-1);
    expect(note).toMatchObject({ author: 'bo' });
    expect(note.text).toMatch(/purchase date.*2026-01-26.*2026-02-20.*I bought it 5 weeks ago.*awaiting_proof/);

    // the agent resolves with the suggestion, through the resolve route as before
    const resolved = await call('POST', `/api/agent/claims/${claimId}/resolve`, bo, { outcome: body.suggested.outcome, reasons: [] });
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({ status: 'awaiting_proof', decision: { decidedBy: 'agent', outcome: 'awaiting_proof' } });
  });

  test('an admin may correct a claim someone else has; another agent, a signed-out caller and a customer may not', async () => {
    const bo = await addAgent('bo', 'Bo Berg');
    const cy = await addAgent('cy', 'Cy Dana');
    const { claimId, customerToken } = await customerWithADate();
    const body = { field: 'purchase_date', value: '2026-02-20' };
    // nobody has the chat yet: an agent accepts it first
    expect((await correct(claimId, bo, body)).status).toBe(409);
    expect((await call('POST', `/api/agent/claims/${claimId}/accept`, bo)).status).toBe(200);

    expect((await correct(claimId, cy, body)).status).toBe(403);
    expect((await correct(claimId, undefined, body)).status).toBe(401);
    expect((await correct(claimId, customerToken, body)).status).toBe(401);
    expect((await correct(claimId, 'not-a-token', body)).status).toBe(401);
    expect((await call('GET', `/api/agent/claims/${claimId}/corrections`, undefined)).status).toBe(401);
    expect((await call('GET', `/api/agent/claims/${claimId}/corrections`, customerToken)).status).toBe(401);
    // none of them changed anything
    expect((await claimOf(claimId)).purchase.date).toBe('2026-01-26');
    expect(await correctionsOf(claimId)).toEqual([]);

    const byAdmin = await correct(claimId, admin, { field: 'purchase_date', value: '2026-01-30' });
    expect(byAdmin.status).toBe(200);
    expect(((await byAdmin.json()) as any).suggested.outcome).toBe('not_covered');
    expect((await correctionsOf(claimId)).map((c) => c.agent)).toEqual(['ana']);
    expect((await correct('no-such-claim', admin, body)).status).toBe(404);

    // decided, it is no longer anyone's to correct: nobody could decide it again on the new facts
    expect(
      (await call('POST', `/api/agent/claims/${claimId}/resolve`, bo, { outcome: 'not_covered', reasons: ['outside_warranty_period'] }))
        .status,
    ).toBe(200);
    const late = await correct(claimId, admin, { field: 'purchase_date', value: '2026-02-25' });
    expect(late.status).toBe(409);
    expect(((await late.json()) as any).error).toMatchObject({
      code: 'CLAIM_TRANSITION_REFUSED',
      message: expect.stringContaining('A claim that is not covered cannot be corrected'),
    });
    expect((await claimOf(claimId)).purchase.date).toBe('2026-01-30');
  });

  const BAD_VALUES: [string, unknown][] = [
    ['not a date', { field: 'purchase_date', value: 'last week' }],
    ['an impossible day', { field: 'purchase_date', value: '2026-02-30' }],
    ['a number', { field: 'purchase_date', value: 20260220 }],
    ['after the claim began', { field: 'purchase_date', value: '2026-03-03' }],
    ['an empty product', { field: 'product', value: '   ' }],
    ['a product that is too long', { field: 'product', value: 'x'.repeat(501) }],
    ['an unknown proof kind', { field: 'proof_type', value: 'napkin' }],
    ['conditions not in a list', { field: 'conditions', value: 'accident' }],
    ['an unknown condition', { field: 'conditions', value: ['accident', 'bad_luck'] }],
    ['an unknown field', { field: 'status', value: 'rma_issued' }],
    ['no field', { value: '2026-02-20' }],
    ['a field that is not a string', { field: ['purchase_date'], value: '2026-02-20' }],
  ];
  test('bad values are refused with 400 and change nothing', async () => {
    const bo = await addAgent('bo', 'Bo Berg');
    const { claimId } = await customerWithADate();
    expect((await call('POST', `/api/agent/claims/${claimId}/accept`, bo)).status).toBe(200);
    const before = await claimOf(claimId);
    for (const [what, body] of BAD_VALUES) expect([what, (await correct(claimId, bo, body)).status]).toEqual([what, 400]);
    const after = await claimOf(claimId);
    expect([after.purchase, after.product, after.proof, after.conditions]).toEqual([
      before.purchase,
      before.product,
      before.proof,
      before.conditions,
    ]);
    expect(await correctionsOf(claimId)).toEqual([]);
  });

  test('a body that is not JSON is refused', async () => {
    const bo = await addAgent('bo', 'Bo Berg');
    const { claimId } = await customerWithADate();
    expect((await call('POST', `/api/agent/claims/${claimId}/accept`, bo)).status).toBe(200);
    expect((await correct(claimId, bo, 'field=purchase_date', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await correct(claimId, bo, '{"field":', 'application/json')).status).toBe(400);
  });
});

describe("the dashboard's list of corrected date readings (GET /api/agent/corrections?from&to)", () => {
  test("an admin reads the period's date corrections with the customer's words; agents, the signed out and bad periods are refused", async () => {
    const bo = await addAgent('bo', 'Bo Berg');
    const { claimId, customerToken } = await customerWithADate('I bought it about 5 weeks ago');
    expect((await call('POST', `/api/agent/claims/${claimId}/accept`, bo)).status).toBe(200);
    expect((await correct(claimId, bo, { field: 'purchase_date', value: '2026-02-20' })).status).toBe(200);
    expect((await correct(claimId, bo, { field: 'proof_type', value: 'receipt' })).status).toBe(200); // not a date: not listed
    const list = (query: string, token?: string) => call('GET', `/api/agent/corrections?${query}`, token);

    const res = await list('from=2026-03-02&to=2026-03-02', admin);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      items: [
        {
          claimId,
          field: 'purchase_date',
          oldValue: expect.any(String),
          newValue: '2026-02-20',
          agent: 'bo',
          at: '2026-03-02T17:30:00.000Z',
          customerWords: 'I bought it about 5 weeks ago',
        },
      ],
    });
    // the claim was created on March 2 (New York): a period without that day lists nothing
    expect(await (await list('from=2026-03-01&to=2026-03-01', admin)).json()).toEqual({ items: [] });
    expect(await (await list('from=2026-03-03&to=2026-03-09', admin)).json()).toEqual({ items: [] });

    expect((await list('from=2026-03-02&to=2026-03-02', bo)).status).toBe(403);
    expect((await list('from=2026-03-02&to=2026-03-02')).status).toBe(401);
    expect((await list('from=2026-03-02&to=2026-03-02', customerToken)).status).toBe(401);
    for (const bad of ['', 'from=2026-03-02', 'from=2026-03-09&to=2026-03-02', 'from=2026-02-30&to=2026-03-02', 'from=x&to=y'])
      expect((await list(bad, admin)).status).toBe(400);
  });
});

describe('correcting the product, the proof kind and the conditions', () => {
  test('each is read as the assistant reads it, recorded, and the suggestion follows the facts', async () => {
    const bo = await addAgent('bo', 'Bo Berg');
    const { claimId } = await customerWithADate('I bought it 10 days ago');
    expect((await call('POST', `/api/agent/claims/${claimId}/accept`, bo)).status).toBe(200);

    const product = (await (await correct(claimId, bo, { field: 'product', value: "it's the QTN8086B camera system" })).json()) as any;
    expect(product.claim.product).toMatchObject({ text: 'QTN8086B camera system', model: 'QTN8086B' });
    expect(product.correction).toEqual({ field: 'product', oldValue: 'QT5682', newValue: 'QTN8086B camera system' });

    const proof = (await (await correct(claimId, bo, { field: 'proof_type', value: 'invoice' })).json()) as any;
    expect(proof.claim.proof.type).toBe('invoice');

    const excluded = (await (await correct(claimId, bo, { field: 'conditions', value: ['painted', 'accident', 'painted'] })).json()) as any;
    expect(excluded.claim.conditions).toMatchObject({ exclusions: ['accident', 'painted'], unsure: [] });
    expect(excluded.suggested).toEqual({ outcome: 'not_covered', reasons: ['excluded_condition'], handoffReason: null });

    const cleared = (await (await correct(claimId, bo, { field: 'conditions', value: [] })).json()) as any;
    expect(cleared.correction).toEqual({ field: 'conditions', oldValue: 'accident,painted', newValue: null });
    expect(cleared.suggested.outcome).toBe('awaiting_proof');

    expect((await correctionsOf(claimId)).map((c) => [c.field, c.customerWords])).toEqual([
      ['product', null],
      ['proof_type', null],
      ['conditions', null],
      ['conditions', null],
    ]);
  });
});

describe('correcting the reading of a receipt (issue 22: the agent reads the file when the reader got it wrong)', () => {
  /** A customer who uploads a receipt image (this app runs no reader: the file is not read) and asks for a person. */
  async function customerWithAReceipt() {
    const customer = await rawDirectLineCustomer(ctx.base);
    closers.push(() => customer.close());
    await claimUpToTheUpload(customer);
    expect(await customer.upload('receipt.png', await renderReceipt(['BEST BUY', 'Order Date: 02/20/2026', 'MODEL QT5682']))).toBe(200);
    await customer.asked('problem');
    await customer.say('I want to talk to a person');
    const handoff = await customer.until((a) => a.type === 'event' && a.name === 'handoff.initiate');
    return { claimId: (handoff as any).value.claimId as string, customerToken: customer.session.token };
  }
  const closers: (() => void)[] = [];
  afterEach(() => {
    for (const close of closers.splice(0)) close();
  });

  test('the agent with the chat records what the receipt says: the claim relies on it, recorded, noted; nobody else may', async () => {
    const bo = await addAgent('bo', 'Bo Berg');
    const cy = await addAgent('cy', 'Cy Dana');
    const { claimId, customerToken } = await customerWithAReceipt();
    const [file] = (await claimOf(claimId)).proof.files;
    const body = { field: 'receipt', value: { fileId: file.id, purchaseDate: '2026-01-10', seller: 'Best Buy', models: ['qt5682'] } };
    expect((await correct(claimId, bo, body)).status).toBe(409);
    expect((await call('POST', `/api/agent/claims/${claimId}/accept`, bo)).status).toBe(200);
    for (const token of [undefined, customerToken, 'not-a-token']) expect((await correct(claimId, token, body)).status).toBe(401);
    expect((await correct(claimId, cy, body)).status).toBe(403);
    expect((await claimOf(claimId)).proof.receipt ?? null).toBeNull();

    const res = await correct(claimId, bo, body);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as any;
    expect(answer.correction).toEqual({ field: 'receipt', oldValue: null, newValue: '2026-01-10 · Best Buy · QT5682' });
    // the receipt now says outside the window: a fact for the agent, never a decision made for them
    expect(answer.claim).toMatchObject({
      status: 'with_agent',
      purchase: { date: '2026-02-20' },
      proof: { receipt: { fileId: file.id, purchaseDate: '2026-01-10', agreesWithStated: false, correctedByAgent: true } },
    });
    expect(answer.claim.proof.files[0].agentReading).toEqual({ purchaseDate: '2026-01-10', seller: 'Best Buy', models: ['QT5682'] });
    expect(await correctionsOf(claimId)).toEqual([
      expect.objectContaining({ field: 'receipt', oldValue: null, newValue: '2026-01-10 · Best Buy · QT5682', agent: 'bo' }),
    ]);
    expect((await notesOf(claimId)).at(-1)).toMatchObject({ author: 'bo', text: expect.stringContaining('Corrected receipt reading') });
    // the dashboard's date corrections are the assistant's misreadings of what customers said: a receipt is not one
    const dated = await call('GET', '/api/agent/corrections?from=2026-03-02&to=2026-03-02', admin);
    expect(await dated.json()).toEqual({ items: [] });
  });

  test('bad readings are refused with 400 and change nothing', async () => {
    const bo = await addAgent('bo', 'Bo Berg');
    const { claimId } = await customerWithAReceipt();
    expect((await call('POST', `/api/agent/claims/${claimId}/accept`, bo)).status).toBe(200);
    const before = (await claimOf(claimId)).proof;
    for (const value of [
      'Best Buy',
      { fileId: 'someone-elses-file', purchaseDate: null, seller: null, models: [] },
      { purchaseDate: '2026-03-03', seller: null, models: [] },
      { purchaseDate: null, seller: '<b>x</b>'.repeat(40), models: [] },
      { purchaseDate: null, seller: null, models: ['<script>'] },
    ])
      expect([value, (await correct(claimId, bo, { field: 'receipt', value })).status]).toEqual([value, 400]);
    expect((await claimOf(claimId)).proof).toEqual(before);
    expect(await correctionsOf(claimId)).toEqual([]);
  });
});
