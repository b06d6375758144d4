import { addYears, FieldProblem, swedishToday } from '@km/common';

export interface StartWindow {
  from: string;
  to: string;
  /** Groups the provider can run from this window, each of at most maxParticipants (default 1). */
  groups?: number;
}

export const MAX_GROUPS_PER_WINDOW = 100;

/** The windows as stored: every window names its groups (1 when not given). */
export function withGroups(windows: readonly StartWindow[]): Required<StartWindow>[] {
  return windows.map((w) => ({ from: w.from, to: w.to, groups: w.groups ?? 1 }));
}

/** The fields the cross-field rules look at (after a PATCH is merged onto the stored offering). */
export interface OfferingRulesInput {
  minParticipants: number;
  maxParticipants: number;
  startWindows: StartWindow[];
}

export const MAX_START_WINDOWS = 24;
/** Start windows further ahead than this are almost certainly typing errors. */
export const MAX_YEARS_AHEAD = 5;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2027-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Rules that span fields: min ≤ max participants, and start windows that are real dates, ordered,
 * not wholly in the past, not absurdly far ahead, not repeated. `today` is an ISO date
 * (Europe/Stockholm), passed in so the rules stay pure.
 */
export function offeringRuleProblems(input: OfferingRulesInput, today: string): FieldProblem[] {
  return [...participantProblems(input), ...startWindowProblems(input.startWindows, today)];
}

export function participantProblems(input: {
  minParticipants: number;
  maxParticipants: number;
}): FieldProblem[] {
  if (input.minParticipants <= input.maxParticipants) return [];
  return [
    {
      field: 'maxParticipants',
      message: `maxParticipants (${input.maxParticipants}) must be at least minParticipants (${input.minParticipants})`,
    },
  ];
}

export function startWindowProblems(windows: StartWindow[], today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (windows.length === 0) {
    problems.push({ field: 'startWindows', message: 'startWindows must have at least one window' });
  }
  if (windows.length > MAX_START_WINDOWS) {
    problems.push({
      field: 'startWindows',
      message: `startWindows must have at most ${MAX_START_WINDOWS} windows`,
    });
  }
  const latest = addYears(today, MAX_YEARS_AHEAD);
  const seen = new Set<string>();
  windows.forEach((window, i) => {
    const field = `startWindows.${i}`;
    const fromOk = isCalendarDate(window.from);
    const toOk = isCalendarDate(window.to);
    if (!fromOk)
      problems.push({ field: `${field}.from`, message: `${field}.from is not a valid date` });
    if (!toOk) problems.push({ field: `${field}.to`, message: `${field}.to is not a valid date` });
    if (!fromOk || !toOk) return;
    if (window.from > window.to) {
      problems.push({
        field: `${field}.to`,
        message: `${field}.to must not be before ${field}.from`,
      });
    } else if (window.to < today) {
      problems.push({ field: `${field}.to`, message: `${field} lies wholly in the past` });
    } else if (window.from > latest) {
      problems.push({
        field: `${field}.from`,
        message: `${field}.from must be within ${MAX_YEARS_AHEAD} years`,
      });
    }
    if (
      window.groups !== undefined &&
      !(Number.isInteger(window.groups) && window.groups >= 1 && window.groups <= MAX_GROUPS_PER_WINDOW)
    )
      problems.push({
        field: `${field}.groups`,
        message: `${field}.groups must be a whole number from 1 to ${MAX_GROUPS_PER_WINDOW}`,
      });
    const key = `${window.from}/${window.to}`;
    if (seen.has(key)) problems.push({ field, message: `${field} repeats an earlier window` });
    seen.add(key);
  });
  return problems;
}

// The one clock lives in libs/common; re-exported for the rules' callers.
export { addYears, swedishToday };
