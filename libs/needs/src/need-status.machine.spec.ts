import { canNeedTransition, needStatusesLeadingTo } from './need-status.machine';

describe('need status machine', () => {
  it('lets a rematch move open needs between proposed and unmet, never a decided need', () => {
    expect(needStatusesLeadingTo('proposed')).toEqual(['received', 'unmet']);
    expect(needStatusesLeadingTo('unmet')).toEqual(['received', 'proposed']);
    expect(canNeedTransition('withdrawn', 'proposed')).toBe(false);
    expect(canNeedTransition('expired', 'received')).toBe(false);
  });

  it('commits open needs, frees committed ones only back to received, expires only open ones', () => {
    expect(needStatusesLeadingTo('matched')).toEqual(['received', 'proposed', 'unmet']);
    expect(needStatusesLeadingTo('received')).toEqual(['matched']);
    expect(needStatusesLeadingTo('expired')).toEqual(['received', 'proposed', 'unmet']);
    expect(needStatusesLeadingTo('withdrawn')).toEqual([
      'received',
      'proposed',
      'unmet',
      'matched',
    ]);
  });
});
