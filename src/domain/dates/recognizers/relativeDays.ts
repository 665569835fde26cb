import { shiftDays } from '../../calendar';
import { dateReading } from '../reading';
import type { Recognizer } from './recognizer';

export const dayBeforeYesterday: Recognizer = {
  name: 'day-before-yesterday',
  pattern: /\b(?:the\s+)?day before yesterday\b/g,
  read: (_m, ctx) => dateReading(shiftDays(ctx.today, -2)),
};

export const yesterday: Recognizer = {
  name: 'yesterday',
  pattern: /\b(?:yesterday|last night|yday|yest)\b/g,
  read: (_m, ctx) => dateReading(shiftDays(ctx.today, -1)),
};

export const today: Recognizer = {
  name: 'today',
  pattern: /\b(?:today|this morning|this afternoon|this evening|tonight|earlier today|just now|an hour ago|few minutes ago)\b/g,
  read: (_m, ctx) => dateReading(ctx.today),
};
