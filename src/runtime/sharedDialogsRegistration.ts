import * as registrationModule from 'botbuilder-dialogs/lib/dialogsComponentRegistration';

type RegistrationClass = typeof registrationModule.DialogsComponentRegistration;
const SHARED = Symbol.for('qsee.sharedDialogsComponentRegistration');

/**
 * Patch. Why: botbuilder-dialogs 4.23 builds a new DialogsComponentRegistration — a service collection, a
 * dependency graph and every memory scope and path resolver — in the constructor of every
 * DialogStateManager, that is for every dialog context and every waterfall step, and throws it
 * away: ComponentRegistration keeps one per type, and the scopes are read once per turn. The
 * .NET SDK dropped that call (botbuilder-dotnet#5397). Here the class hands back one shared
 * instance, so the registration stays and the work and garbage of rebuilding it go.
 * Measured effect: server CPU per turn ×1.29 of the echo bot's without it, ×1.22 with it (README,
 * "Dialogs": means of four alternating runs each, whose spread is as large).
 * A deep import, pinned with botbuilder-dialogs. Obsolete when: a dialog context stops building a
 * registration — test/runtime/sharedDialogsRegistration.test.ts checks that it still does.
 */
export function shareDialogsComponentRegistration(): void {
  const module = registrationModule as { DialogsComponentRegistration: RegistrationClass & { [SHARED]?: true } };
  const Original = module.DialogsComponentRegistration;
  if (Original[SHARED]) return;
  const shared = new Original();
  // `new` on a function that returns an object yields that object
  const Shared = function DialogsComponentRegistration() {
    return shared;
  } as unknown as RegistrationClass & { [SHARED]?: true };
  Shared.prototype = Original.prototype;
  Shared[SHARED] = true;
  module.DialogsComponentRegistration = Shared;
}
