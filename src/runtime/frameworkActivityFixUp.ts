/**
 * Patch: our `/api/messages` route hands activities to `CloudAdapter.processActivity` itself
 * (src/channels/botFramework/channelAdapter.ts) instead of `CloudAdapter.process`, whose zod checks
 * re-validate the request, the response and a copy of every activity after our route has already
 * checked the body. It still needs the one thing `process` does to an activity first: the
 * framework's own fix-up (timestamps as Dates, the raw strings kept), which botbuilder exports only
 * from inside its lib/ folder.
 * Measured effect: about 50 µs of a turn (commit 3016751 and the one before it).
 * Obsolete when: botbuilder exports the fix-up from its entry point, or `process` stops
 * re-validating — test/runtime/frameworkActivityFixUp.test.ts checks that the deep module still
 * fixes timestamps the way `process` does (an upgrade that moves or changes it fails there).
 */
export { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
