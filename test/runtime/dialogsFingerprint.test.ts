import { ComponentDialog, type Dialog, WaterfallDialog, type WaterfallStep } from 'botbuilder-dialogs';
import { dialogsFingerprint } from '../../src/runtime/dialogsFingerprint';

const step = (name: string): WaterfallStep => {
  const run: WaterfallStep = async (s) => s.next();
  Object.defineProperty(run, 'name', { value: name });
  return run;
};

/** A component of the given dialogs, as our MainDialog is. */
function component(...dialogs: Dialog[]): ComponentDialog {
  const root = new ComponentDialog('main');
  for (const dialog of dialogs) root.addDialog(dialog);
  return root;
}
const waterfall = (id: string, ...names: string[]) => new WaterfallDialog(id, names.map(step));

describe('dialogsFingerprint: what a saved stack depends on', () => {
  const base = () => component(waterfall('claim', 'askProduct', 'askDate', 'askProof'), waterfall('csat', 'ask', 'thank'));

  test('the same dialogs built twice (another instance of the same release) have the same fingerprint', () => {
    expect(dialogsFingerprint(base(), 1)).toBe(dialogsFingerprint(base(), 1));
    expect(dialogsFingerprint(base(), 1)).toMatch(/^[\w-]{16}$/);
  });

  test.each<[string, ComponentDialog, number]>([
    [
      'two steps swapped (botbuilder’s own version, ids and step counts, misses it)',
      component(waterfall('claim', 'askDate', 'askProduct', 'askProof'), waterfall('csat', 'ask', 'thank')),
      1,
    ],
    [
      'a step added',
      component(waterfall('claim', 'askProduct', 'askDate', 'askProof', 'askProblem'), waterfall('csat', 'ask', 'thank')),
      1,
    ],
    ['a step renamed', component(waterfall('claim', 'askProduct', 'askPurchaseDate', 'askProof'), waterfall('csat', 'ask', 'thank')), 1],
    ['a dialog removed', component(waterfall('claim', 'askProduct', 'askDate', 'askProof')), 1],
    [
      'a dialog added',
      component(waterfall('claim', 'askProduct', 'askDate', 'askProof'), waterfall('csat', 'ask', 'thank'), new ComponentDialog('extra')),
      1,
    ],
    ['the state version bumped by hand', base(), 2],
  ])('changes when %s', (_, changed, stateVersion) => {
    expect(dialogsFingerprint(changed, stateVersion)).not.toBe(dialogsFingerprint(base(), 1));
  });

  test('the order in which dialogs were added does not matter (the stack names them by id)', () => {
    const swapped = component(waterfall('csat', 'ask', 'thank'), waterfall('claim', 'askProduct', 'askDate', 'askProof'));
    expect(dialogsFingerprint(swapped, 1)).toBe(dialogsFingerprint(base(), 1));
  });
});
