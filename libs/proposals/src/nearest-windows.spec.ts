import { FittingWindow } from '@km/matching';
import { nearestWindows, windowKey } from './need-scope.finder';

const fit = (offeringId: string, startWindowTo: string, value: number): FittingWindow => ({
  needId: 'n-new',
  offeringId,
  startWindowTo,
  fit: value,
});

describe('nearestWindows (the windows a new need is first tried on)', () => {
  it('keeps every window when the need fits no more than the cap', () => {
    const fits = [fit('o-1', '2027-03-01', 0.9), fit('o-2', '2027-04-01', 0.7)];
    expect(nearestWindows(fits, [], 8)).toEqual(
      new Set([windowKey('o-1', '2027-03-01'), windowKey('o-2', '2027-04-01')]),
    );
  });

  it('takes windows with an open cohort first, then the best fit, then the earliest', () => {
    const fits = [
      fit('o-remote', '2027-05-01', 1),
      fit('o-remote', '2027-03-01', 1),
      fit('o-local', '2027-06-01', 0.8),
      fit('o-far', '2027-02-01', 0.6),
      fit('o-cohort', '2027-09-01', 0.65),
    ];
    const proposals = [
      { status: 'open', offering_id: 'o-cohort', start_window_to: '2027-09-01' },
      // A superseded proposal is history, not a cohort to join.
      { status: 'superseded', offering_id: 'o-far', start_window_to: '2027-02-01' },
    ];
    expect([...nearestWindows(fits, proposals, 3)]).toEqual([
      windowKey('o-cohort', '2027-09-01'),
      windowKey('o-remote', '2027-03-01'),
      windowKey('o-remote', '2027-05-01'),
    ]);
  });

  it('does not depend on the order the pairs come in', () => {
    const fits = Array.from({ length: 30 }, (_, i) =>
      fit(`o-${i % 7}`, `2027-0${1 + (i % 9)}-01`, ((i * 37) % 11) / 10),
    );
    const reversed = [...fits].reverse();
    expect([...nearestWindows(reversed, [], 5)]).toEqual([...nearestWindows(fits, [], 5)]);
  });
});
