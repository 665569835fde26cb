import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { withSharedGeneratorPrototype } from '../../src/runtime/sharedGeneratorPrototype';

const ROOT = path.resolve(__dirname, '..', '..');
const GENERATOR_PROTOTYPE = Object.getPrototypeOf(function* () {}).prototype;

/** TypeScript's ES2015 output for `async (x) => { const y = await x; … }`, as the framework ships it. */
const COMPILED = `
var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
const bodies = [];
function twice(x) {
    const body = function* () {
        const y = yield x;
        if (y === 'boom') throw new Error('boom');
        try { yield Promise.reject(new Error('inner')); } catch (e) { return [this.name, y, y, e.message]; }
    };
    bodies.push(body);
    return __awaiter({ name: 'ctx' }, void 0, void 0, body);
}
return { twice, bodies };
`;

const load = (source: string) =>
  new Function(source)() as { twice: (x: unknown) => Promise<unknown>; bodies: Array<{ prototype: object }> };

describe('withSharedGeneratorPrototype', () => {
  test('async code compiled by TypeScript behaves the same: values, this, awaited promises, thrown and caught errors', async () => {
    for (const source of [COMPILED, withSharedGeneratorPrototype(COMPILED)]) {
      const { twice } = load(source);
      await expect(twice('a')).resolves.toEqual(['ctx', 'a', 'a', 'inner']);
      await expect(twice(Promise.resolve('b'))).resolves.toEqual(['ctx', 'b', 'b', 'inner']);
      await expect(twice('boom')).rejects.toThrow('boom');
      await expect(twice(Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    }
  });

  test('each generator function the helper runs gets the shared generator prototype, not one of its own', async () => {
    const plain = load(COMPILED);
    await plain.twice('a');
    expect(plain.bodies[0].prototype).not.toBe(GENERATOR_PROTOTYPE);
    const shared = load(withSharedGeneratorPrototype(COMPILED));
    await Promise.all([shared.twice('a'), shared.twice('b')]);
    // compared by identity: jest's deep equality would try to iterate the prototype itself
    expect(shared.bodies.map((b) => b.prototype === GENERATOR_PROTOTYPE)).toEqual([true, true]);
  });

  test.each([
    ['a module without the helper', "'use strict';\nmodule.exports = async () => 1;\n"],
    ['an empty file', ''],
    ['a different helper (tslib, another compiler)', 'step((generator = generator.apply(thisArg, _arguments)).next());'],
  ])('%s is left as it is', (_name, source) => {
    expect(withSharedGeneratorPrototype(source)).toBe(source);
  });

  test("the framework's own modules hold the helper exactly once", () => {
    const source = readFileSync(require.resolve('botbuilder-dialogs/lib/dialogContext.js'), 'utf8');
    const changed = withSharedGeneratorPrototype(source);
    expect(changed).not.toBe(source);
    expect(changed.split('generator.prototype = ').length).toBe(2);
  });
});

describe('shareGeneratorPrototypeInFrameworkModules', () => {
  // jest loads modules its own way, so the require hook is tried in a plain Node process on the build
  test('rewrites the Bot Framework as it loads, and a dialog still runs', () => {
    const script = `
      const { shareGeneratorPrototypeInFrameworkModules } = require(${JSON.stringify(path.join(ROOT, 'dist', 'src', 'runtime', 'sharedGeneratorPrototype.js'))});
      const stats = shareGeneratorPrototypeInFrameworkModules();
      const again = shareGeneratorPrototypeInFrameworkModules();
      const { ConversationState, MemoryStorage, TestAdapter } = require('botbuilder');
      const { DialogSet, TextPrompt, WaterfallDialog } = require('botbuilder-dialogs');
      const state = new ConversationState(new MemoryStorage());
      const dialogs = new DialogSet(state.createProperty('dialog'));
      dialogs.add(new TextPrompt('name'));
      dialogs.add(new WaterfallDialog('hello', [
        (step) => step.prompt('name', 'What is your name?'),
        async (step) => { await step.context.sendActivity('Hi ' + step.result); return step.endDialog(); },
      ]));
      const adapter = new TestAdapter(async (context) => {
        const dc = await dialogs.createContext(context);
        const { status } = await dc.continueDialog();
        if (status === 'empty') await dc.beginDialog('hello');
        await state.saveChanges(context);
      });
      adapter.send('hi').assertReply('What is your name?').send('Ana').assertReply('Hi Ana')
        .then(() => console.log(JSON.stringify({ patched: stats.patched, same: stats === again })), (e) => { console.error(e); process.exit(1); });
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
    expect(out.same).toBe(true);
    expect(out.patched).toBeGreaterThan(20);
  });
});
