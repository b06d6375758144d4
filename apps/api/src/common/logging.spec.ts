import { QueryFailedError } from 'typeorm';
import { serializeError } from './logging';
import { err as standardErrorSerializer } from 'pino-std-serializers';

describe('serializeError', () => {
  it('keeps type, message, SQLSTATE and stack, never the bound values of a failed query', () => {
    const failed = new QueryFailedError(
      'INSERT INTO contact (need_id, name, email, phone) VALUES ($1, $2, $3, $4)',
      ['id', 'Anna Andersson', 'anna@example.se', '070-1234567'],
      Object.assign(new Error('value too long'), { code: '22001' }),
    );
    for (const input of [failed, standardErrorSerializer(failed)]) {
      const logged = serializeError(input);
      expect(logged).toMatchObject({ type: 'QueryFailedError', code: '22001' });
      expect(JSON.stringify(logged)).not.toMatch(/anna|070-1234567|Andersson/);
    }
  });
});
