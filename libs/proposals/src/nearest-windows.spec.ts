import { FittingWindow } from '@km/matching';
import { nearestWindows, windowKey } from './need-scope.finder';

const windowFit = (offeringId: string, startWindowTo: string, value: number): FittingWindow => ({
  needId: 'n-new',
  offeringId,
  startWindowTo,
  fit: value,
});

describe('nearestWindows (the windows a new need is first tried on)', () => {
  it('keeps every window when the need fits no more than the cap', () => {
    const fits = [windowFit('o-1', '2027-03-01', 0.9), windowFit('o-2', '2027-04-01', 0.7)];
    expect(nearestWindows(fits, [], 8)).toEqual(
      new Set([windowKey('o-1', '2027-03-01'), windowKey('o-2', '2027-04-01')]),
    );
  });

  it('takes windows with an open cohort first, then the best fit, then the earliest', () => {
    const fits = [
      windowFit('o-remote', '2027-05-01', 1),
      windowFit('o-remote', '2027-03-01', 1),
      windowFit('o-local', '2027-06-01', 0.8),
      windowFit('o-far', '2027-02-01', 0.6),
      windowFit('o-cohort', '2027-09-01', 0.65),
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
      windowFit(`o-${i % 7}`, `2027-0${1 + (i % 9)}-01`, ((i * 37) % 11) / 10),
    );
    const reversed = [...fits].reverse();
    expect([...nearestWindows(reversed, [], 5)]).toEqual([...nearestWindows(fits, [], 5)]);
  });
});
