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
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...toFieldProblems(error.children ?? [], field)];
  });
}
