import type { MatchingInput } from './matching-input.types';

/**
 * The input as seen on `input.today`: start windows begin no earlier than today (a window that
 * has closed is gone), and a need's window begins no earlier than today (a need whose window has
 * ended drops out), so no proposal starts in the past. ISO dates compare as strings.
 */
export function asOfToday(input: MatchingInput): MatchingInput {
  const today = input.today;
  if (!today) return input;
  return {
    ...input,
    needs: input.needs
      .filter((n) => n.latestEnd > today)
      .map((n) => (n.earliestStart < today ? { ...n, earliestStart: today } : n)),
    // A taken window keeps its key once its start has been moved up to today.
    previousProposals: (input.previousProposals ?? []).map((p) =>
      p.status === 'approved' && p.startWindowFrom && p.startWindowFrom < today
        ? { ...p, startWindowFrom: today }
        : p,
    ),
    commitments: (input.commitments ?? []).map((c) =>
      c.startWindowFrom < today ? { ...c, startWindowFrom: today } : c,
    ),
    offerings: input.offerings.map((o) => ({
      ...o,
      startWindows: o.startWindows
        .filter((w) => w.to >= today)
        .map((w) => (w.from < today ? { ...w, from: today } : w)),
    })),
  };
}
