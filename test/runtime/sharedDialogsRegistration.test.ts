import { ComponentRegistration, ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { DialogSet, TextPrompt } from 'botbuilder-dialogs';
import * as registrationModule from 'botbuilder-dialogs/lib/dialogsComponentRegistration';
import { shareDialogsComponentRegistration } from '../../src/runtime/sharedDialogsRegistration';
import { registrationsBuiltBy } from '../helpers/registrationCount';

const registered = () => ComponentRegistration.components.filter((c) => c.constructor.name === 'DialogsComponentRegistration');

describe('the framework behaviour the patch works around', () => {
  // runs before the patch is installed (the describe below): when this fails after an upgrade, the patch may be obsolete
  test('botbuilder-dialogs still builds a registration for every dialog context', async () => {
    const built = await registrationsBuiltBy(async () => {
      const dialogs = new DialogSet(new ConversationState(new MemoryStorage()).createProperty('dialogState'));
      const adapter = new TestAdapter(async (context: TurnContext) => {
        await dialogs.createContext(context);
        await dialogs.createContext(context);
      });
      await adapter.send('hi');
    });
    expect(built).toBe(2);
  });
});

describe('shareDialogsComponentRegistration', () => {
  beforeAll(() => shareDialogsComponentRegistration());

  test('every construction hands back one instance, still of the class, still registering memory scopes', () => {
    const { DialogsComponentRegistration } = registrationModule;
    const a = new DialogsComponentRegistration();
    expect(new DialogsComponentRegistration()).toBe(a);
    expect(a).toBeInstanceOf(DialogsComponentRegistration);
    expect(a.getMemoryScopes().map((s) => s.name)).toEqual(expect.arrayContaining(['turn', 'dialog', 'conversation']));
    shareDialogsComponentRegistration(); // a second call keeps the same instance
    expect(new registrationModule.DialogsComponentRegistration()).toBe(a);
  });

  test('the dialog contexts botbuilder-dialogs makes use the shared instance, and their memory still works', async () => {
    const shared = new registrationModule.DialogsComponentRegistration();
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty('dialogState'));
    dialogs.add(new TextPrompt('ask'));
    const seen: unknown[] = [];
    const adapter = new TestAdapter(async (context: TurnContext) => {
      const dc = await dialogs.createContext(context);
      // a dialog context registers the library's component in its constructor: it must be ours
      expect(registered()).toEqual([shared]);
      dc.state.setValue('turn.note', 'kept');
      seen.push(dc.state.getValue('turn.note'), dc.state.getValue('turn.activity.text'));
      const result = await dc.continueDialog();
      if (result.status === 'empty') await dc.prompt('ask', 'Your name?');
      await state.saveChanges(context);
    });
    await adapter.send('hi').assertReply('Your name?');
    expect(seen).toEqual(['kept', 'hi']);
  });
});
