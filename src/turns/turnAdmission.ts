/**
 * Starts at most `perPass` new turns in each turn of the event loop; the others wait, in the
 * order they came, for the next.
 *
 * Under load a pass of the event loop runs every callback that is ready, and a turn that waits
 * on the network (the proof it downloads, its reply's acknowledgement) resumes only in the next
 * pass. Fifty turns started in one pass make that next pass long. Admitting a few per pass keeps
 * passes short, so the turns under way finish sooner; the others wait here rather than in the
 * event loop, which costs them nothing more. Unlike a cap on turns in flight, this never limits
 * how many turns wait on the network at once: a quiet loop spins through passes quickly.
 *
 * A turn that will make an extra round trip (a customer's file to download from the channel)
 * can go ahead of the line, so that it is not also the slowest answer of the claim.
 */
export class TurnAdmission {
  private startedThisPass = 0;
  private passEndScheduled = false;
  private waiting: Array<() => void> = [];
  private head = 0;
  private readonly goingAhead: Array<() => void> = [];

  constructor(private readonly perPass: number) {}

  /**
   * Resolves when the turn may start: at once while this pass has room. A turn that goes
   * `ahead` waits only behind others that go ahead.
   */
  admit(ahead = false): Promise<void> {
    this.schedulePassEnd();
    if (this.startedThisPass < this.perPass && this.queued === 0) {
      this.startedThisPass++;
      return Promise.resolve();
    }
    return new Promise((resolve) => (ahead ? this.goingAhead : this.waiting).push(resolve));
  }

  /** Turns waiting for a later pass. */
  get queued(): number {
    return this.goingAhead.length + this.waiting.length - this.head;
  }

  // setImmediate runs after the pass's I/O callbacks: the next window opens there
  private schedulePassEnd(): void {
    if (this.passEndScheduled) return;
    this.passEndScheduled = true;
    setImmediate(() => {
      this.passEndScheduled = false;
      this.startedThisPass = 0;
      while (this.startedThisPass < this.perPass && this.goingAhead.length > 0) {
        this.startedThisPass++;
        const start = this.goingAhead.shift() as () => void;
        start();
      }
      while (this.startedThisPass < this.perPass && this.head < this.waiting.length) {
        this.startedThisPass++;
        const start = this.waiting[this.head++];
        start();
      }
      if (this.head === this.waiting.length || this.head > 1024) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      if (this.startedThisPass > 0) this.schedulePassEnd();
    });
  }
}

/**
 * Whether an incoming activity brings a file to download from the channel (an attachment with a
 * `contentUrl`): that turn makes a round trip more, so it goes ahead. Cards and inline content do not.
 */
export function bringsFileToDownload(activity: { attachments?: unknown }): boolean {
  return (
    Array.isArray(activity.attachments) &&
    activity.attachments.some((a) => typeof (a as { contentUrl?: unknown } | null)?.contentUrl === 'string')
  );
}
