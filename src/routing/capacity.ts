import type { RoutingConfig } from '../config/config';

/**
 * How many open chats an agent takes when chats are given to them: their own capacity once agents
 * have one (a nullable column: null means the default), AGENT_CAPACITY otherwise; none for an
 * account that is disabled or gone (its stream may still look connected on another instance for a moment).
 *
 * @example
 * capacityOf({ agentCapacity: 3 }, { capacity: null }) // → 3
 * capacityOf({ agentCapacity: 3 }, { capacity: 1 }) // → 1
 * capacityOf({ agentCapacity: 3 }, { capacity: 1, disabledAt: '2026-03-02T10:00:00Z' }) // → 0
 */
export function capacityOf(
  config: Pick<RoutingConfig, 'agentCapacity'>,
  agent: { capacity?: number | null; disabledAt?: string | null } | null | undefined,
): number {
  if (!agent || agent.disabledAt) return 0;
  return agent.capacity ?? config.agentCapacity;
}
