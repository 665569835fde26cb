import type { AgentRole } from '../storage/agentStore';

/**
 * The rules for an agent account's fields, as admins and the agent:add script type them. Each
 * reader returns the value, or a message that says what is wrong (shown to the admin as it is).
 */
export type Reading<T> = { ok: true; value: T } | { ok: false; problem: string };

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/i;
// C0 and C1 controls, and the line and paragraph separators: a display name is one line the console shows
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// invisible and direction-changing characters: a name that reorders the text around it, or hides what it says
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
export const ROLES: readonly AgentRole[] = ['agent', 'admin'];
export const PASSWORD_LENGTH = { min: 8, max: 1024 } as const;
export const CAPACITY_RANGE = { min: 1, max: 50 } as const;
export const DISPLAY_NAME_MAX = 80;

const ok = <T>(value: T): Reading<T> => ({ ok: true, value });
const problem = <T>(text: string): Reading<T> => ({ ok: false, problem: text });

/** @example readUsername('ana.m') // → { ok: true, value: 'ana.m' } */
export function readUsername(value: unknown): Reading<string> {
  return typeof value === 'string' && USERNAME.test(value)
    ? ok(value)
    : problem('A username is 2-40 letters, digits, dots, dashes or underscores, starting with a letter or digit.');
}

/** @example readPassword('short') // → { ok: false, … } */
export function readPassword(value: unknown): Reading<string> {
  return typeof value === 'string' && value.length >= PASSWORD_LENGTH.min && value.length <= PASSWORD_LENGTH.max
    ? ok(value)
    : problem(`A password needs at least ${PASSWORD_LENGTH.min} characters (at most ${PASSWORD_LENGTH.max}).`);
}

/** Trimmed; one line of 1-80 characters. @example readDisplayName(' Ana ') // → { ok: true, value: 'Ana' } */
export function readDisplayName(value: unknown): Reading<string> {
  const text = typeof value === 'string' ? value.trim() : '';
  return text.length >= 1 && text.length <= DISPLAY_NAME_MAX && !CONTROL.test(text) && !INVISIBLE.test(text)
    ? ok(text)
    : problem(`A display name is 1-${DISPLAY_NAME_MAX} visible characters on one line.`);
}

/** @example readRole('admin') // → { ok: true, value: 'admin' } */
export function readRole(value: unknown): Reading<AgentRole> {
  return ROLES.includes(value as AgentRole) ? ok(value as AgentRole) : problem('A role is "agent" or "admin".');
}

/** A whole number of open chats, or null for the AGENT_CAPACITY default. @example readCapacity(null) // → { ok: true, value: null } */
export function readCapacity(value: unknown): Reading<number | null> {
  if (value === null) return ok(null);
  return Number.isInteger(value) && (value as number) >= CAPACITY_RANGE.min && (value as number) <= CAPACITY_RANGE.max
    ? ok(value as number)
    : problem(`A capacity is a whole number of chats from ${CAPACITY_RANGE.min} to ${CAPACITY_RANGE.max}, or null for the default.`);
}
