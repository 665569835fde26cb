import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type CloudAdapter, TestAdapter } from 'botbuilder';
import { BotFrameworkCustomerChannel } from '../../src/channels/botFramework/customerChannel';
import { testConversationScope } from '../helpers/harness';
import { openSqliteTestStorage } from '../helpers/sqlite';
import { sqliteOnly } from '../helpers/store';

/** A database whose next commit can be made to fail (a deferred foreign key broken inside the batch). */
function failingDatabase() {
  const storage = openSqliteTestStorage({ dir: mkdtempSync(path.join(tmpdir(), 'warranty-rollback-')) });
  const { db, commits } = storage;
  db.exec(
    'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)',
  );
  const failNextCommit = () => {
    commits.join();
    db.prepare('INSERT INTO child (p) VALUES (1)').run();
    expect(() => commits.flush()).toThrow(/FOREIGN KEY/);
  };
  return { db, commits, storage, failNextCommit };
}

sqliteOnly("a failed group commit and its rollback of caches are SQLite's; a PostgreSQL unit rolls back as a whole")(
  'caches across turns forget what a failed commit took back',
  () => {
    test('Direct Line watermarks continue from what is stored', async () => {
      const { commits, storage, failNextCommit } = failingDatabase();
      const store = storage.directLine;
      const id = await store.createConversation('u1');
      await store.append(id, { type: 'message', text: 'one' });
      commits.flush();
      expect((await store.append(id, { type: 'message', text: 'lost' })).watermark).toBe(2);
      failNextCommit();
      expect((await store.append(id, { type: 'message', text: 'two' })).watermark).toBe(2);
      commits.flush();
      expect((await store.after(id, 0)).activities.map((a) => a.text)).toEqual(['one', 'two']);
    });

    test('a conversation reference whose write was rolled back is written again by the next turn', async () => {
      const { db, commits, storage, failNextCommit } = failingDatabase();
      const channel = new BotFrameworkCustomerChannel(undefined as unknown as CloudAdapter, undefined, storage.conversationReferences);
      const adapter = new TestAdapter(async (context) => {
        await channel.withTurn(context, async () => {});
      }).use(testConversationScope());
      const stored = () => db.prepare('SELECT COUNT(*) AS n FROM conversation_references').get();
      await adapter.send('hello');
      failNextCommit();
      expect(stored()).toEqual({ n: 0 });
      await adapter.send('again');
      commits.flush();
      expect(stored()).toEqual({ n: 1 });
    });
  },
);
