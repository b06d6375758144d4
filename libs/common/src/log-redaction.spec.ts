import { redactLogText, redactUrl } from './log-redaction';

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

describe('redactUrl', () => {
  const token = 'aB3_-xYz0123456789aB3_-xYz0123456789abcdefg';
  const encoded = [...token].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');

  it('hides tokens whatever the case or percent-encoding of the path', () => {
    for (const url of [
      `/behov/${token}`,
      `/Behov/${token}`,
      `/BEHOV/${token}/aterkalla`,
      `/behov/%${token.charCodeAt(0).toString(16)}${token.slice(1)}`,
      `/behov/${encoded}`,
      `/beh%6Fv/${token}`,
      `/API/V1/NEEDS/TRACK/${token}/export`,
      `/api/v1/needs/track/${encodeURIComponent(encodeURIComponent(token))}`,
      `/behov/${token.replace('_', '%5F')}?x=1`,
    ]) {
      expect(redactUrl(url)).not.toContain(token.slice(0, 16));
      expect(redactUrl(url)).toMatch(/\/\[token\]/);
    }
  });

  it('keeps other paths readable and survives malformed escapes', () => {
    expect(redactUrl('/behov/ny?lan=18')).toBe('/behov/ny?lan=18');
    expect(redactUrl('/uppfoljning?q=%zz%')).toBe('/uppfoljning?q=%zz%');
  });
});
