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
      {
        ...failed('reason', {
          isString: 'reason must be a string',
          minLength: 'reason must be at least 3 characters',
          maxLength: 'reason must be at most 1000 characters',
        }),
        value: 42,
      },
    ]);
    expect(problems).toEqual([{ field: 'reason', message: 'reason must be a string' }]);
  });

  it('gives one message per field: the first rule the DTO declares (constraints come bottom-up)', () => {
    const problems = toFieldProblems([
      { ...failed('title', { matches: 'bad characters', minLength: 'too short' }), value: 'a' },
    ]);
    expect(problems).toEqual([{ field: 'title', message: 'too short' }]);
  });

  it('calls a missing value required instead of listing the rules it fails', () => {
    const problems = toFieldProblems([
      {
        ...failed('minParticipants', {
          max: 'minParticipants must be at most 500',
          min: 'minParticipants must be at least 1',
          isInt: 'minParticipants must be an integer',
        }),
        value: undefined,
      },
    ]);
    expect(problems).toEqual([
      { field: 'minParticipants', message: 'minParticipants is required' },
    ]);
  });

  it('names nested fields by their path, one message each', () => {
    const problems = toFieldProblems([
      {
        property: 'contact',
        value: {},
        children: [
          { ...failed('email', { isEmail: 'not an e-mail', maxLength: 'too long' }), value: 'x' },
        ],
      },
    ]);
    expect(problems).toEqual([{ field: 'contact.email', message: 'too long' }]);
  });
});
