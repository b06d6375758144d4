import { aNeed, anInput, anOffering } from '../testing/matching.stubs';
import { runMatching } from './matching.engine';

const needs = ['a', 'b', 'c'].map((id) =>
  aNeed({ id, participants: { total: 3, women: 1, men: 2 } }),
);
const offering = anOffering({ id: 'o1', startWindows: [{ from: '2025-03-03', to: '2025-03-14' }] });

describe('the engine takes today', () => {
  it('without today, proposes the window as given (backwards compatible)', () => {
    const [proposal] = runMatching(anInput({ needs, offerings: [offering] })).proposals;
    expect(proposal.startDate).toBe('2025-03-03');
  });

  it('never proposes a start before today: a window that has begun starts today', () => {
    const result = runMatching(anInput({ needs, offerings: [offering], today: '2025-03-10' }));
    expect(result.proposals.map((p) => p.startDate)).toEqual(['2025-03-10']);
  });

  it('proposes nothing in a window that has closed, nor for needs whose window has ended', () => {
    const closed = runMatching(anInput({ needs, offerings: [offering], today: '2025-03-15' }));
    expect(closed.proposals.filter((p) => p.kind === 'joint_initiative')).toEqual([]);
    // The firms still need the course: a new one, starting no earlier than today.
    for (const p of closed.proposals) expect(p.startDate! >= '2025-03-15').toBe(true);
    const ended = runMatching(anInput({ needs, offerings: [offering], today: '2025-06-30' }));
    expect(ended.proposals).toEqual([]);
    expect(ended.unmetClusters).toEqual([]);
  });

  it('a new course for an unmet cluster can start no later than leaves time to end by latestEnd', () => {
    const cluster = ['x', 'y', 'z'].map((id) =>
      aNeed({ id, participants: { total: 3, women: 1, men: 2 }, latestEnd: '2025-05-31' }),
    );
    const result = runMatching(anInput({ needs: cluster, today: '2025-01-15' }));
    const created = result.proposals.filter((p) => p.kind === 'new_initiative');
    expect(created.length).toBeGreaterThan(0);
    for (const p of created) {
      expect(p.startWindow!.from >= '2025-02-01').toBe(true);
      expect(p.startWindow!.to < '2025-05-31').toBe(true);
    }
  });
});
