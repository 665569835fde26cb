import type { RoutingConfig } from '../config/config';

/**
 * How many open chats an agent takes when chats are given to them: their own capacity once agents
 * have one (a nullable column: null means the default), AGENT_CAPACITY otherwise.
 *
 * @example
 * capacityOf({ agentCapacity: 3 }, { capacity: null }) // → 3
 * capacityOf({ agentCapacity: 3 }, { capacity: 1 }) // → 1
 */
export function capacityOf(config: Pick<RoutingConfig, 'agentCapacity'>, agent?: { capacity?: number | null } | null): number {
  return agent?.capacity ?? config.agentCapacity;
}
