import { openTestStorage, type TestStorage } from '../helpers/store';

const AT = Date.parse('2026-03-02T17:30:00.000Z');

/** The newest resume of each conversation through a link, kept with it (on the store under test: SQLite, or PostgreSQL with TEST_STORE=postgres). */
describe('the resumes kept with Direct Line conversations', () => {
  let storage: TestStorage;
  beforeEach(async () => {
    storage = await openTestStorage();
  });
  afterEach(async () => {
    await storage.close();
  });

  const keep = async (conversationId: string, at: number, sessionId: string) => {
    await storage.directLine.recordResume(conversationId, { at, sessionId });
    await storage.directLine.readCommitted(() => undefined);
  };

  test('the newest resume stays, whatever order they are written in, and survives a reopen; ties go to the greater session id, as in memory', async () => {
    const c1 = await storage.directLine.createConversation('u_1');
    const c2 = await storage.directLine.createConversation('u_2');
    await storage.directLine.createConversation('u_3'); // never resumed
    await keep(c1, AT + 5, 'b');
    await keep(c1, AT + 1, 'z'); // older: changes nothing
    await keep(c1, AT + 5, 'c'); // the same millisecond, a greater id
    await keep(c1, AT + 5, 'a'); // the same millisecond, a smaller id: changes nothing
    await keep(c2, AT + 1000, 'x');
    await keep('not-a-conversation', AT, 'y');

    await storage.close();
    storage = await openTestStorage({ dir: storage.dir });
    const byId = <T extends { conversationId: string }>(rows: T[]) =>
      [...rows].sort((x, y) => x.conversationId.localeCompare(y.conversationId));
    expect(byId(await storage.directLine.resumedSince(AT))).toEqual(
      byId([
        { conversationId: c1, at: AT + 5, sessionId: 'c' },
        { conversationId: c2, at: AT + 1000, sessionId: 'x' },
      ]),
    );
    // strictly after `since`
    expect(await storage.directLine.resumedSince(AT + 5)).toEqual([{ conversationId: c2, at: AT + 1000, sessionId: 'x' }]);
    expect(await storage.directLine.resumedSince(AT + 1000)).toEqual([]);
  });
});
