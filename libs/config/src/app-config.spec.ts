import { ConfigError, loadConfig } from './app-config';

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
      loadConfig({ ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }),
    ).toThrow(/ADMIN_EMAIL is required in production/);
    const config = loadConfig({
      ...base,
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      ADMIN_EMAIL: 'admin@example.se',
      ADMIN_PASSWORD: 'a-long-enough-password',
    });
    expect(config.jwt.secret).toBe('x'.repeat(40));
  });

  it('rejects a short JWT secret', () => {
    expect(() => loadConfig({ ...base, JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET must be at least 32 characters/,
    );
  });
});
