import { BadRequestException, ValidationError } from '@nestjs/common';
import { FieldProblem } from '@km/common';

/** A request DTO failed validation; carries one entry per offending field. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly fieldProblems: FieldProblem[]) {
    super(fieldProblems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

/** Flattens nested class-validator errors into dotted field paths (employer.orgNumber). */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = typeFirst(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...toFieldProblems(error.children ?? [], field)];
  });
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
  const entries = Object.entries(constraints);
  const types = entries.filter(([name]) => TYPE_CONSTRAINTS.has(name));
  return types.length ? types : entries;
}
