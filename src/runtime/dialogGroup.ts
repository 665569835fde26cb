import { ComponentDialog, type Dialog } from 'botbuilder-dialogs';

/**
 * Patch: a part of the conversation is a flat group of dialogs, not a ComponentDialog.
 * Why: every component level costs each turn two more dialog contexts (botbuilder-dialogs builds
 * a memory-state manager for each) and a deeper saved stack, for an isolation we do not use.
 * Measured effect: 8.6 → 5.2 dialog contexts per turn (commit 35cc46d), 4.3 with the question
 * prompts (questionDialog.ts); conversations eval unchanged (34/34).
 * Obsolete when: a component level stops costing dialog contexts — test/runtime/questionDialog.test.ts.
 *
 * One part of the conversation — a waterfall and the questions it asks — as a list of
 * dialogs that the main dialog registers side by side, instead of a ComponentDialog around
 * them. Every component level costs each turn two more dialog contexts (botbuilder-dialogs
 * builds a memory-state manager for each) and a deeper saved stack, for an isolation we do
 * not use. The group's waterfall carries the group's id, so `beginDialog(ID)` starts it and
 * its `endDialog(result)` returns to the step that began it, as a component's would.
 */
export abstract class DialogGroup {
  readonly dialogs: Dialog[] = [];

  protected add(...parts: Array<Dialog | DialogGroup>): void {
    for (const part of parts) this.dialogs.push(...(part instanceof DialogGroup ? part.dialogs : [part]));
  }

  /** The group as one dialog of its own, for running it alone (botbuilder-testing's DialogTestClient). */
  static asDialog(id: string, group: DialogGroup): Dialog {
    return new GroupAlone(id, group);
  }
}

class GroupAlone extends ComponentDialog {
  constructor(id: string, group: DialogGroup) {
    super(`${id}.alone`);
    for (const dialog of group.dialogs) this.addDialog(dialog);
    this.initialDialogId = id;
  }
}
