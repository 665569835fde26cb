import type { ClusterBus } from '../../src/cluster/clusterBus';

type Handler = (message: Record<string, unknown>) => void;

/**
 * The cluster bus between "instances" of one test process: what one publishes reaches the others'
 * subscribers at once, as JSON (as Redis carries it), never the publisher's own — as ClusterBus.
 * `instance()` is one instance's end of it; `published` records everything said, in order.
 */
export function inProcessBus() {
  const subscribers = new Map<string, Array<{ instance: number; handler: Handler }>>();
  const published: Array<{ name: string; message: Record<string, unknown> }> = [];
  let instances = 0;
  return {
    published,
    instance(): Pick<ClusterBus, 'subscribe' | 'publish'> {
      const me = instances++;
      return {
        subscribe: async (name, handler) => {
          subscribers.set(name, [...(subscribers.get(name) ?? []), { instance: me, handler }]);
        },
        publish: (name, message) => {
          published.push({ name, message });
          for (const s of subscribers.get(name) ?? []) if (s.instance !== me) s.handler(JSON.parse(JSON.stringify(message)));
        },
      };
    },
  };
}
