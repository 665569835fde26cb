import { capacityOf } from '../../src/routing/capacity';

describe('capacityOf: how many open chats routing gives an agent', () => {
  const config = { agentCapacity: 3 };
  test.each([
    ['no capacity of their own: AGENT_CAPACITY', { capacity: null }, 3],
    ['a capacity of their own', { capacity: 1 }, 1],
    ['a capacity of their own above the default', { capacity: 7 }, 7],
    ['zero: takes no chats', { capacity: 0 }, 0],
    ['disabled, whatever their capacity', { capacity: 5, disabledAt: '2026-03-02T10:00:00Z' }, 0],
    ['disabled with the default', { capacity: null, disabledAt: '2026-03-02T10:00:00Z' }, 0],
    ['enabled again', { capacity: 2, disabledAt: null }, 2],
    ['an account that is gone', null, 0],
    ['no account read', undefined, 0],
  ])('%s', (_, agent, expected) => {
    expect(capacityOf(config, agent)).toBe(expected);
  });
});
