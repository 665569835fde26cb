import pino from 'pino';

/** One structured logger for the process (JSON lines on stdout, for the operator). */
export const createLogger = (level: string) => pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
export type Logger = ReturnType<typeof createLogger>;
