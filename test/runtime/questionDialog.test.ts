import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { ComponentDialog, type Dialog, DialogSet, TextPrompt } from 'botbuilder-dialogs';
import { registrationsBuiltBy } from '../helpers/registrationCount';

// What the framework still does that made QuestionDialog and DialogGroup necessary: when one
// of these fails after an upgrade, the patch may be obsolete.

/** Runs `dialog` for two turns and counts the dialog-state managers (one per dialog context) the second turn built. */
async function contextsOfSecondTurn(dialog: Dialog): Promise<number> {
  return registrationsBuiltBy(async (restart) => {
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty('dialogState'));
    dialogs.add(dialog);
    const adapter = new TestAdapter(async (context: TurnContext) => {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === 'empty') await dc.beginDialog(dialog.id, { prompt: 'Name?' });
      await state.saveChanges(context);
    });
    await adapter.send('hi').assertReply('Name?');
    restart();
    await adapter.send('');
  });
}

class Around extends ComponentDialog {
  constructor() {
    super('around');
    this.addDialog(new TextPrompt('ask'));
    this.initialDialogId = 'ask';
  }
}

describe('the framework behaviour QuestionDialog and DialogGroup work around', () => {
  test('TextPrompt still ignores a message with only an attachment (a proof upload)', async () => {
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty('dialogState'));
    dialogs.add(new TextPrompt('ask'));
    const answers: unknown[] = [];
    const adapter = new TestAdapter(async (context: TurnContext) => {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === 'empty') await dc.prompt('ask', { prompt: 'Your receipt?', retryPrompt: 'Again?' });
      if (result.status === 'complete') answers.push(result.result);
      await state.saveChanges(context);
    });
    await adapter.send('hi').assertReply('Your receipt?');
    await adapter
      .send({ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'http://x/r.png' }] })
      .assertReply('Again?');
    expect(answers).toEqual([]);
  });

  test('a component level still costs each turn more dialog contexts than a flat prompt', async () => {
    const flat = await contextsOfSecondTurn(new TextPrompt('ask'));
    const nested = await contextsOfSecondTurn(new Around());
    expect(nested).toBeGreaterThan(flat);
  });
});
