import type { Agent, AgentAuditEntry } from '../../src/storage/agentStore';
import { openTestStorage, STORE, type TestStorage } from '../helpers/store';

/*
 * The agents' store on the store under test (TEST_STORE=postgres for PostgreSQL): a change and its
 * audit row together, the last enabled admin kept however changes race, and a token's standing (its
 * revocation and its account's state) read in one query.
 */
let storage: TestStorage;
beforeEach(async () => {
  storage = await openTestStorage();
});
afterEach(() => storage?.close());

const AT = '2026-03-02T17:30:00.000Z';
const account = (username: string, role: Agent['role']): Agent => ({
  username,
  displayName: username,
  role,
  capacity: null,
  disabledAt: null,
});
const audit = (username: string, action: AgentAuditEntry['action'], changes: AgentAuditEntry['changes'] = {}): AgentAuditEntry => ({
  username,
  actor: 'ana',
  action,
  changes,
  at: AT,
});

describe(`agents on ${STORE}`, () => {
  test('a change and its audit row are written together; a disable moves the token generation on and the standing says so', async () => {
    await storage.agents.insert(account('bo', 'agent'), 'hash', AT, audit('bo', 'create'));
    expect(await storage.revocations.standing('t1', 'bo')).toEqual({ revoked: false, account: { role: 'agent', generation: 0 } });
    const changed = await storage.agents.change('bo', () => ({
      change: { capacity: 4, disabledAt: AT },
      audit: audit('bo', 'disable', { disabledAt: { from: null, to: AT } }),
    }));
    expect(changed).toMatchObject({ capacity: 4, disabledAt: AT });
    await storage.commits.durable();
    expect(await storage.revocations.standing('t1', 'bo')).toEqual({ revoked: false, account: null });
    await storage.agents.change('bo', () => ({ change: { disabledAt: null }, audit: null }));
    expect(await storage.revocations.standing('t1', 'bo')).toEqual({ revoked: false, account: { role: 'agent', generation: 1 } });
    await storage.revocations.revoke('t1', new Date('2026-03-03T00:00:00Z'));
    await storage.commits.durable();
    expect((await storage.revocations.standing('t1', 'bo')).revoked).toBe(true);
    expect(await storage.revocations.standing('t2', 'nobody')).toEqual({ revoked: false, account: null });
    expect((await storage.agents.auditOf('bo', 10)).map((e) => e.action)).toEqual(['disable', 'create']);
    expect(await storage.agents.change('nobody', () => ({ change: {}, audit: null }))).toBe('not_found');
  });

  test('admins demoting each other at once: exactly one of them is refused as the last admin', async () => {
    for (const name of ['a1', 'a2', 'a3']) await storage.agents.insert(account(name, 'admin'), 'hash', AT);
    const results = await Promise.all(
      ['a1', 'a2', 'a3'].map((name) => storage.agents.change(name, () => ({ change: { role: 'agent' }, audit: audit(name, 'update') }))),
    );
    await storage.commits.durable();
    expect(results.filter((r) => r === 'last_admin')).toHaveLength(1);
    expect((await storage.agents.list()).filter((a) => a.role === 'admin')).toHaveLength(1);
    expect(await storage.agents.auditOf('a1', 10)).toHaveLength(results[0] === 'last_admin' ? 0 : 1);
  });
});
