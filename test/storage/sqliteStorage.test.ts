import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TestAdapter, type TurnContext } from 'botbuilder';
import { EtagConversationState } from '../../src/storage/etagState';
import { SqliteBotStateStore } from '../../src/storage/sqlite/botStateStore';
import { openDatabase } from '../../src/storage/sqlite/database';
import { GroupCommit } from '../../src/storage/sqlite/groupCommit';
import { testConversationScope } from '../helpers/harness';
import { sqliteOnly } from '../helpers/store';

/** SQLite only: SqliteBotStateStore's own contract; PostgreSQL's bot state runs under every dialog suite. */
const describeOnSqlite = sqliteOnly("SqliteBotStateStore's own contract; PostgreSQL's bot state runs under every dialog suite");

const freshDb = () => openDatabase(mkdtempSync(path.join(tmpdir(), 'warranty-storage-')));
const storageOn = (db = freshDb()) => new SqliteBotStateStore(db, new GroupCommit(db));

describeOnSqlite('SqliteStorage keeps the Bot Framework Storage contract', () => {
  test('read what was written, with an eTag; missing keys are absent', async () => {
    const storage = storageOn();
    await storage.write({ a: { n: 1 } });
    const items = await storage.read(['a', 'missing']);
    expect(items.a).toMatchObject({ n: 1, eTag: expect.any(String) });
    expect(items.missing).toBeUndefined();
  });

  test('a write with a stale eTag fails; "*" always writes', async () => {
    const storage = storageOn();
    await storage.write({ k: { v: 'first' } });
    const { k: read1 } = await storage.read(['k']);
    const { k: read2 } = await storage.read(['k']);
    await storage.write({ k: { ...read1, v: 'turn one' } });
    await expect(storage.write({ k: { ...read2, v: 'turn two' } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['k'])).k.v).toBe('turn one');
    await storage.write({ k: { v: 'forced', eTag: '*' } });
    expect((await storage.read(['k'])).k.v).toBe('forced');
  });

  test('delete removes the item', async () => {
    const storage = storageOn();
    await storage.write({ gone: { v: 1 } });
    await storage.delete(['gone']);
    expect(await storage.read(['gone'])).toEqual({});
  });

  test('two concurrent turns of one conversation cannot overwrite each other', async () => {
    const storage = storageOn();
    const state = new EtagConversationState(storage);
    const counter = state.createProperty<number>('counter');
    const adapter = new TestAdapter(async () => {}).use(testConversationScope());
    // a barrier: both turns have read the state before either saves
    let loaded = 0;
    let release: () => void = () => {};
    const bothLoaded = new Promise<void>((resolve) => (release = resolve));
    const turn = (text: string) =>
      adapter.processActivity(text, async (context: TurnContext) => {
        await state.load(context);
        await counter.set(context, ((await counter.get(context, 0)) as number) + 1);
        if (++loaded === 2) release();
        await bothLoaded;
        await state.saveChanges(context);
      });
    // the conversation already has state (an eTag) from an earlier turn
    await adapter.processActivity('zero', async (context: TurnContext) => {
      await counter.set(context, 0);
      await state.saveChanges(context);
    });
    const results = await Promise.allSettled([turn('one'), turn('two')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(/eTag conflict/);
  });

  test('a turn that changes nothing writes nothing; a change is written with a new eTag', async () => {
    const db = freshDb();
    const storage = storageOn(db);
    const state = new EtagConversationState(storage);
    const step = state.createProperty<number>('step');
    const adapter = new TestAdapter(async () => {}).use(testConversationScope());
    const key = 'https://test.com/conversations/Convo1/'; // the TestAdapter's channel (its serviceUrl's origin) and id
    await adapter.processActivity('first', async (context: TurnContext) => {
      await step.set(context, 1);
      await state.saveChanges(context);
    });
    const first = await storage.readJson(key);
    expect(first?.json).toBe('{"step":1}');
    await adapter.processActivity('only reads', async (context: TurnContext) => {
      expect(await step.get(context)).toBe(1);
      await state.saveChanges(context);
    });
    expect(await storage.readJson(key)).toEqual(first);
    await adapter.processActivity('changes', async (context: TurnContext) => {
      await step.set(context, 2);
      await state.saveChanges(context);
    });
    expect(await storage.readJson(key)).toEqual({ eTag: expect.not.stringMatching(first?.eTag as string), json: '{"step":2}' });
  });

  test('the data survives closing and reopening the database file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warranty-storage-'));
    const db = openDatabase(dir);
    const commits = new GroupCommit(db);
    await new SqliteBotStateStore(db, commits).write({ kept: { v: 42 } });
    commits.flush();
    db.close();
    expect((await storageOn(openDatabase(dir)).read(['kept'])).kept.v).toBe(42);
  });
});
