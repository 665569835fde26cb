import type { Claim } from '../domain/claim';
import type { HandoffReason } from '../domain/eligibility';

/** Things that happen to claims; listeners (agent queue, customer channel…) hang off them. */
export type ClaimEvent =
  | { type: 'claim.updated'; claim: Claim }
  | { type: 'handoff.requested'; claim: Claim; reason: HandoffReason; summary: string }
  | { type: 'claim.decided'; claim: Claim };

type Listener = (event: ClaimEvent) => Promise<void> | void;

/** A tiny async event bus: `emit` waits for every listener; one failing does not stop the others. */
export class ClaimEvents {
  private readonly listeners: Listener[] = [];
  constructor(private readonly onListenerError: (error: unknown, event: ClaimEvent) => void = () => {}) {}

  on(listener: Listener): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  async emit(event: ClaimEvent): Promise<void> {
    await Promise.all(
      this.listeners.map(async (listener) => {
        try {
          await listener(event);
        } catch (error) {
          this.onListenerError(error, event);
        }
      }),
    );
  }
}
