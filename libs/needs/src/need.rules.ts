import { addYears, FieldProblem, swedishToday } from '@km/common';
import { NEED_LIMITS } from './need.constants';
import { OrganisationNumber } from './organisation-number.value-object';

/**
 * A field problem with a stable code, so that the Swedish pages can word it themselves; the
 * English `message` is what the JSON API answers.
 */
export interface NeedFieldProblem extends FieldProblem {
  code: string;
}

/** The fields the cross-field rules read; anything may be missing or of the wrong type. */
export interface NeedRulesInput {
  employer?: { orgNumber?: unknown };
  participants?: { total?: unknown; women?: unknown; men?: unknown };
  earliestStart?: unknown;
  latestEnd?: unknown;
  competenceIds?: unknown;
  otherCompetence?: unknown;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2027-02-30 is not one). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// The one clock lives in libs/common; re-exported for the rules' callers.
export { addYears, swedishToday };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * The rules that the request shape alone cannot express: the organisationsnummer's group and
 * check digit, the gender split, and the time window against today (Europe/Stockholm). Pure, and
 * tolerant of ill-typed input (a field the shape check rejects is skipped here).
 */
export function needRuleProblems(input: NeedRulesInput, today: string): NeedFieldProblem[] {
  const problems: NeedFieldProblem[] = [];
  const orgNumber = input.employer?.orgNumber;
  if (typeof orgNumber === 'string') {
    const parsed = OrganisationNumber.parse(orgNumber);
    if (!parsed.ok) {
      const message = {
        format: 'employer.orgNumber must be 10 digits written NNNNNN-NNNN or NNNNNNNNNN',
        group: 'employer.orgNumber is not an organisationsnummer (digits 3–4 must be at least 20)',
        checksum: 'employer.orgNumber has a wrong check digit (Luhn)',
      }[parsed.problem];
      problems.push({ field: 'employer.orgNumber', code: `orgNumber.${parsed.problem}`, message });
    }
  }

  const { competenceIds, otherCompetence } = input;
  const described = typeof otherCompetence === 'string' && otherCompetence.trim() !== '';
  if (Array.isArray(competenceIds) && competenceIds.length === 0 && !described) {
    problems.push({
      field: 'competenceIds',
      code: 'competences.none',
      message: 'competenceIds must have at least one competence, or otherCompetence must name one',
    });
  }

  const { total, women, men } = input.participants ?? {};
  if (isInt(total) && isInt(women) && isInt(men) && women + men > total) {
    problems.push({
      field: 'participants',
      code: 'participants.split',
      message: `participants.women + participants.men (${women + men}) must not exceed participants.total (${total})`,
    });
  }

  const { earliestStart, latestEnd } = input;
  const startOk = isCalendarDate(earliestStart);
  if (typeof earliestStart === 'string' && !startOk) {
    problems.push({
      field: 'earliestStart',
      code: 'date.invalid',
      message: 'earliestStart must be a real date written YYYY-MM-DD',
    });
  } else if (startOk && earliestStart < today) {
    problems.push({
      field: 'earliestStart',
      code: 'date.past',
      message: `earliestStart must not be in the past (today is ${today})`,
    });
  }
  if (typeof latestEnd === 'string' && !isCalendarDate(latestEnd)) {
    problems.push({
      field: 'latestEnd',
      code: 'date.invalid',
      message: 'latestEnd must be a real date written YYYY-MM-DD',
    });
  } else if (isCalendarDate(latestEnd)) {
    const limit = addYears(today, NEED_LIMITS.yearsAhead);
    if (startOk && latestEnd <= earliestStart) {
      problems.push({
        field: 'latestEnd',
        code: 'date.order',
        message: 'latestEnd must be after earliestStart',
      });
    } else if (latestEnd > limit) {
      problems.push({
        field: 'latestEnd',
        code: 'date.tooFar',
        message: `latestEnd must be within ${NEED_LIMITS.yearsAhead} years (on or before ${limit})`,
      });
    }
  }
  return problems;
}
