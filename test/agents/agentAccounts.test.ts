import { AgentAccounts } from '../../src/agents/agentAccounts';
import { openTestStorage, type TestStorage } from '../helpers/store';

/*
 * The bootstrap agent (BOOTSTRAP_AGENT_USERNAME) is made at start by every instance that finds it
 * missing; instances started together all find it missing, and each must still start.
 */
describe('the bootstrap agent, ensured by instances starting together', () => {
  let storage: TestStorage;

  beforeAll(async () => {
    storage = await openTestStorage();
  });

  afterAll(() => storage?.close());

  test('three ensures at once on one store: one account, no failure', async () => {
    const instances = [0, 1, 2].map(() => new AgentAccounts(storage.agents));
    await Promise.all(instances.map((accounts) => accounts.ensure('boot', 'correct horse')));
    expect(await instances[0].find('boot')).toMatchObject({ username: 'boot', role: 'admin' });
    expect(await instances[0].authenticate('boot', 'correct horse')).not.toBeNull();
  });

  test('a failure that is not a lost race still fails the start', async () => {
    const accounts = new AgentAccounts(storage.agents);
    await expect(accounts.ensure('boot2', 'short')).rejects.toThrow(/8 characters/);
  });
});
