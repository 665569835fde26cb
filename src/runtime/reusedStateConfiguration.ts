import type { TurnContext } from 'botbuilder';

/** The turn-state key under which botbuilder-dialogs caches its DialogStateManager configuration. */
export const STATE_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

/**
 * Patch: botbuilder-dialogs 4.23 builds its memory-scope configuration (every memory scope and
 * path resolver, from the component registrations) anew on every turn, the first time a dialog
 * context is made, and keeps it only in that turn's state. It holds no per-turn state — the
 * scopes read from the dialog context they are given — so one built configuration serves
 * every turn. Measured effect: no figure of its own was kept (commit 5086532 brought it with
 * another change and measured them together); it is part of "botbuilder-dialogs' own machinery"
 * in the README's profile.
 * Obsolete when: the framework keeps the configuration across turns itself, or stops reading
 * it from this key — test/runtime/reusedStateConfiguration.test.ts checks both.
 */
export class ReusedStateConfiguration {
  private configuration: unknown;

  /** Before the turn's first dialog context: hand it the configuration an earlier turn built. */
  lend(context: TurnContext): void {
    if (this.configuration) context.turnState.set(STATE_CONFIGURATION_KEY, this.configuration);
  }

  /** After the turn: keep the configuration the framework built, the first time it does. */
  keep(context: TurnContext): void {
    this.configuration ??= context.turnState.get(STATE_CONFIGURATION_KEY);
  }
}
