import { ValidationError } from '@nestjs/common';
import { toFieldProblems } from './validation.exception';

const failed = (property: string, constraints: Record<string, string>): ValidationError => ({
  property,
  constraints,
  children: [],
});

describe('toFieldProblems', () => {
  it('reports a value of the wrong type by its type alone, not by the length rules it also fails', () => {
    const problems = toFieldProblems([
      failed('reason', {
        isString: 'reason must be a string',
        minLength: 'reason must be at least 3 characters',
        maxLength: 'reason must be at most 1000 characters',
      }),
    ]);
    expect(problems).toEqual([{ field: 'reason', message: 'reason must be a string' }]);
  });

  it('keeps every rule a value of the right type breaks', () => {
    const problems = toFieldProblems([
      failed('title', { minLength: 'too short', matches: 'bad characters' }),
    ]);
    expect(problems.map((p) => p.message)).toEqual(['too short', 'bad characters']);
  });
});
