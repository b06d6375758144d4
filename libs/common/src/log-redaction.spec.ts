import { redactLogText } from './log-redaction';

describe('redactLogText', () => {
  const token = 'aB3_-xYz0123456789aB3_-xYz0123456789abcdefg';

  it('hides tracking tokens in every path that carries one', () => {
    expect(redactLogText(`GET /behov/${token}/aterkalla`)).toBe('GET /behov/[token]/aterkalla');
    expect(redactLogText(`/api/v1/needs/track/${token}/export and /behov/${token}?ny=1`)).toBe(
      '/api/v1/needs/track/[token]/export and /behov/[token]?ny=1',
    );
    expect(redactLogText('/behov/ny')).toBe('/behov/ny');
  });

  it('hides e-mail addresses', () => {
    expect(redactLogText('created the bootstrap admin anna.a+x@kommun.example.se')).toBe(
      'created the bootstrap admin [e-mail]',
    );
    expect(redactLogText('550 5.1.1 <kontakt@example.se>: rejected')).toBe(
      '550 5.1.1 <[e-mail]>: rejected',
    );
  });
});
