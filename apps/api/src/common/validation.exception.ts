import { BadRequestException, ValidationError } from '@nestjs/common';
import { FieldProblem } from '@km/common';

/** A request DTO failed validation; carries one entry per offending field. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly fieldProblems: FieldProblem[]) {
    super(fieldProblems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

/**
 * Flattens nested class-validator errors into dotted field paths (employer.orgNumber), one
 * message per field: the first rule that applies. A missing value is "required" (not "must be
 * an integer, at least 1 and at most 500"), a value of the wrong type is named by its type, and
 * otherwise the first rule in the order the DTO declares them.
 */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const first = typeFirst(error.constraints ?? {})[0];
    const own = first ? [{ field, message: messageOf(field, error, first) }] : [];
    return [...own, ...toFieldProblems(error.children ?? [], field)];
  });
}

function messageOf(field: string, error: ValidationError, [constraint, message]: string[]): string {
  if (constraint === 'whitelistValidation') return `${field} is not a known field`;
  if (error.value === undefined) return `${field} is required`;
  return message;
}

/** Constraints that say a value has the wrong type; when one fails, the others are noise. */
const TYPE_CONSTRAINTS = new Set([
  'isDefined',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
]);

/**
 * A value of the wrong type (`42` or `null` for a text) is reported as such, not by the length
 * or range rules it also fails ("at most 1000 characters" for a number is misleading).
 */
function typeFirst(constraints: Record<string, string>): [string, string][] {
  // class-validator lists constraints bottom-up (decorators apply in reverse): declared order.
  const entries = Object.entries(constraints).reverse();
  const types = entries.filter(([name]) => TYPE_CONSTRAINTS.has(name));
  return types.length ? types : entries;
}
