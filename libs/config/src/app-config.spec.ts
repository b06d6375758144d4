import { ConfigError, loadConfig } from './app-config';
import { DEVELOPMENT_JWT_SECRET, purposeKey } from './secrets';

const STRONG_SECRET = 'k3Jq9vXw2Lr8Tz5Nb7Hd1Pm4Yc6Fg0Sa+Qe/UiOoRt=';

const base = { DATABASE_URL: 'postgres://u@localhost/db', REDIS_URL: 'redis://localhost:6379' };

describe('loadConfig', () => {
  it('fills defaults for a minimal development environment', () => {
    const config = loadConfig({ ...base });
    expect(config.nodeEnv).toBe('development');
    expect(config.http.port).toBe(3000);
    expect(config.redis.prefix).toBe('km');
    expect(config.http.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.jwt.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('names a missing required variable in one line', () => {
    expect(() => loadConfig({ REDIS_URL: base.REDIS_URL })).toThrow(
      new ConfigError('DATABASE_URL', 'is required but not set'),
    );
  });

  it('names a malformed variable and what was wrong', () => {
    expect(() => loadConfig({ ...base, PORT: 'eighty' })).toThrow(
      /^Configuration error: PORT must be an integer port number \(got "eighty"\)$/,
    );
    expect(() => loadConfig({ ...base, REDIS_URL: 'localhost:6379' })).toThrow(
      /REDIS_URL must be a redis:\/\/ URL/,
    );
    expect(() => loadConfig({ ...base, LOG_LEVEL: 'loud' })).toThrow(
      /^Configuration error: LOG_LEVEL/,
    );
  });

  it('never echoes a password in the message', () => {
    let message = '';
    try {
      loadConfig({ ...base, DATABASE_URL: 'mysql://user:hunter2@host/db' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('hunter2');
  });

  it('requires secrets and the bootstrap admin in production', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET is required in production/,
    );
    expect(() =>
      loadConfig({ ...base, NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET }),
    ).toThrow(/ADMIN_EMAIL is required in production/);
    const config = loadConfig({
      ...base,
      NODE_ENV: 'production',
      JWT_SECRET: STRONG_SECRET,
      ADMIN_EMAIL: 'admin@example.se',
      ADMIN_PASSWORD: 'a-long-enough-password',
    });
    expect(config.jwt.secret).toBe(STRONG_SECRET);
  });

  it('refuses the development secret and guessable secrets in production', () => {
    const production = {
      ...base,
      NODE_ENV: 'production',
      ADMIN_EMAIL: 'admin@example.se',
      ADMIN_PASSWORD: 'a-long-enough-password',
    };
    for (const weak of [
      DEVELOPMENT_JWT_SECRET,
      'a'.repeat(32),
      'x'.repeat(40),
      '0123456789012345678901234567890123456789',
      'please-change-me-before-going-live-now',
      'abababababababababababababababababababab',
    ]) {
      expect(() => loadConfig({ ...production, JWT_SECRET: weak })).toThrow(
        /^Configuration error: JWT_SECRET (is a development or placeholder value|has too little entropy)/,
      );
    }
    // Development keeps its fixed default, so `npm run dev` needs no setup.
    expect(loadConfig({ ...base }).jwt.secret).toBe(DEVELOPMENT_JWT_SECRET);
  });

  it('derives an unrelated key per purpose from the one secret', () => {
    const keys = (['jwt', 'csrf', 'tracking-link'] as const).map((p) =>
      purposeKey(STRONG_SECRET, p).toString('hex'),
    );
    expect(new Set(keys).size).toBe(3);
    expect(keys.every((k) => k.length === 64)).toBe(true);
    expect(keys).not.toContain(Buffer.from(STRONG_SECRET).toString('hex'));
  });

  it('rejects a short JWT secret', () => {
    expect(() => loadConfig({ ...base, JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET must be at least 32 characters/,
    );
  });
});
