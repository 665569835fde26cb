/** Where "now" comes from. The server uses the system clock; tests pass a fixed one. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export const fixedClock = (iso: string): Clock & { set(iso: string): void; advance(ms: number): void } => {
  let t = new Date(iso).getTime();
  return { now: () => new Date(t), set: (v) => (t = new Date(v).getTime()), advance: (ms) => (t += ms) };
};
