import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { DialogSet, TextPrompt } from 'botbuilder-dialogs';
import { ReusedStateConfiguration, STATE_CONFIGURATION_KEY } from '../../src/runtime/reusedStateConfiguration';

describe('ReusedStateConfiguration', () => {
  const dialogs = new DialogSet(new ConversationState(new MemoryStorage()).createProperty('dialogState'));
  dialogs.add(new TextPrompt('ask'));

  test('the framework still builds the configuration on every turn, under this key (else the patch is obsolete)', async () => {
    const built: unknown[] = [];
    const adapter = new TestAdapter(async (context: TurnContext) => {
      expect(context.turnState.get(STATE_CONFIGURATION_KEY)).toBeUndefined();
      await dialogs.createContext(context);
      built.push(context.turnState.get(STATE_CONFIGURATION_KEY));
    });
    await adapter.send('one');
    await adapter.send('two');
    expect(built[0]).toBeDefined();
    expect(built[1]).toBeDefined();
    expect(built[1]).not.toBe(built[0]);
  });

  test('a lent configuration is the one the turn uses', async () => {
    const reused = new ReusedStateConfiguration();
    const seen: unknown[] = [];
    const adapter = new TestAdapter(async (context: TurnContext) => {
      reused.lend(context);
      const dc = await dialogs.createContext(context);
      dc.state.setValue('turn.note', context.activity.text);
      expect(dc.state.getValue('turn.note')).toBe(context.activity.text);
      seen.push(context.turnState.get(STATE_CONFIGURATION_KEY));
      reused.keep(context);
    });
    await adapter.send('one');
    await adapter.send('two');
    expect(seen[1]).toBe(seen[0]);
  });
});
