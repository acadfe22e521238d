import { EMPTY_RULE, fromRule, toDefinition } from '../../renderer/features/alerts/rule-form';
import type { AlertRule } from '../../shared/types/alerts';

describe('rule editor form', () => {
  it('starts with no destination and carries the ticked destinations both ways', () => {
    expect(toDefinition(EMPTY_RULE).channelIds).toEqual([]);
    const def = toDefinition({
      ...EMPTY_RULE,
      name: ' Rumeurs ',
      query: 'kervoal',
      channelIds: [3, 7],
      recipients: 'a@x.fr; b@x.fr',
    });
    expect(def).toMatchObject({
      name: 'Rumeurs',
      query: 'kervoal',
      channelIds: [3, 7],
      recipients: ['a@x.fr', 'b@x.fr'],
    });
    const stored = { ...def, id: 12 } as unknown as AlertRule;
    const back = fromRule(stored);
    expect(back.channelIds).toEqual([3, 7]);
    expect(toDefinition(back)).toEqual(def);
  });
});
