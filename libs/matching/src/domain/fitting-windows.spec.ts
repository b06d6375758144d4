import { fittingWindows } from './fitting-windows';
import { aNeed, anInput, anOffering } from '../testing/matching.stubs';

const course = anOffering({
  id: 'o-truck',
  startWindows: [
    { from: '2025-03-03', to: '2025-03-14' },
    { from: '2025-09-01', to: '2025-09-12' },
  ],
});

describe('fittingWindows', () => {
  it('names the start windows a need fits by their last start day, and only those', () => {
    const pairs = fittingWindows(
      anInput({
        needs: [
          aNeed({ id: 'n-spring' }),
          aNeed({ id: 'n-autumn', earliestStart: '2025-08-01', latestEnd: '2025-12-20' }),
          aNeed({ id: 'n-excel', competenceIds: ['excel'] }),
        ],
        offerings: [course],
      }),
    );
    expect(pairs).toEqual([
      expect.objectContaining({
        needId: 'n-spring',
        offeringId: 'o-truck',
        startWindowTo: '2025-03-14',
      }),
      expect.objectContaining({
        needId: 'n-autumn',
        offeringId: 'o-truck',
        startWindowTo: '2025-09-12',
      }),
    ]);
    expect(pairs.every((p) => p.fit > 0 && p.fit <= 1)).toBe(true);
  });

  it('keeps the stored window name when the window has begun and starts today', () => {
    const pairs = fittingWindows(
      anInput({ needs: [aNeed({ id: 'n-1' })], offerings: [course], today: '2025-03-05' }),
    );
    expect(pairs).toEqual([
      expect.objectContaining({
        needId: 'n-1',
        offeringId: 'o-truck',
        startWindowTo: '2025-03-14',
      }),
    ]);
  });

  it('leaves out pairs a broker rejected and windows whose groups are taken', () => {
    const input = anInput({
      needs: [aNeed({ id: 'n-1' }), aNeed({ id: 'n-2', earliestStart: '2025-08-01' })],
      offerings: [course],
      rejectedPairs: [{ needId: 'n-1', offeringId: 'o-truck' }],
      commitments: [
        { offeringId: 'o-truck', startWindowFrom: '2025-09-01', groupsUsed: 1, planned: [] },
      ],
    });
    expect(fittingWindows(input)).toEqual([]);
  });
});
