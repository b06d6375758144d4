import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EnvSchema, NodeEnv } from './env.schema';
import { DEVELOPMENT_JWT_SECRET, weakSecretProblem } from './secrets';

/** Typed configuration, derived from the environment once. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  databaseUrl: string;
  /**
   * `prefix` is the key space of this deployment: REDIS_PREFIX when set, otherwise derived from
   * the database's identity by resolveRedisNamespace (until then it is the bare default).
   */
  redis: { url: string; prefix: string; configuredPrefix?: string };
  http: {
    port: number;
    host: string;
    publicBaseUrl: string;
    corsOrigins: string[];
    /** Express `trust proxy`: false, a hop count, or the addresses/CIDRs/`loopback` to trust. */
    trustProxy: boolean | number | string[];
    /** Whether /docs and /docs-json are served. */
    apiDocs: boolean;
    /** null: /metrics is public; a token: bearer-protected; 'off': not served. */
    metrics: { token: string } | 'public' | 'off';
  };
  logLevel: string;
  admin: { email?: string; password?: string };
  jwt: { secret: string; ttlSeconds: number };
  matching: { debounceMs: number; nightlyCron: string; engineThreads: number };
  outbox: { pollMs: number; listen: boolean; redeliverAfterMs: number };
  mail: { dir: string; smtpUrl?: string };
  privacy: { retentionDays: number; retentionCron: string; retentionBatchSize: number };
  rateLimit: { publicPerMinute: number; loginPerMinute: number; matchingRunsPerHour: number };
  esf: EsfCallRules;
}

/** The rules of the ESF+ call a project draft is checked against. Shares are 0..1. */
export interface EsfCallRules {
  minEmployers: number;
  minMunicipalities: number;
  budgetMinSek: number;
  budgetMaxSek: number;
  /** Each gender should make up at least this share of the participants whose gender is known. */
  genderMinShare: number;
  /** The national co-financing share of the budget; the rest is the ESF+ share. */
  nationalCofinancingShare: number;
}

/** A configuration problem, reported as one line naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const schema = plainToInstance(EnvSchema, { ...env }, { exposeDefaultValues: true });
  const errors = validateSync(schema, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) throw firstConfigError(errors, env);

  const production = schema.NODE_ENV === 'production';
  if (production && !schema.JWT_SECRET)
    throw new ConfigError('JWT_SECRET', 'is required in production');
  const weakSecret = production && schema.JWT_SECRET && weakSecretProblem(schema.JWT_SECRET);
  if (weakSecret) throw new ConfigError('JWT_SECRET', weakSecret);
  if (production && !schema.ADMIN_EMAIL)
    throw new ConfigError('ADMIN_EMAIL', 'is required in production');
  if (production && !schema.ADMIN_PASSWORD) {
    throw new ConfigError('ADMIN_PASSWORD', 'is required in production');
  }
  if (schema.ESF_BUDGET_MAX_SEK < schema.ESF_BUDGET_MIN_SEK) {
    throw new ConfigError('ESF_BUDGET_MAX_SEK', 'must not be below ESF_BUDGET_MIN_SEK');
  }
  if (Boolean(schema.ADMIN_EMAIL) !== Boolean(schema.ADMIN_PASSWORD)) {
    const missing = schema.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL';
    throw new ConfigError(missing, 'must be set together with the other ADMIN_ variable');
  }

  const publicBaseUrl = (schema.PUBLIC_BASE_URL ?? `http://localhost:${schema.PORT}`).replace(
    /\/$/,
    '',
  );
  return {
    nodeEnv: schema.NODE_ENV,
    databaseUrl: schema.DATABASE_URL,
    redis: {
      url: schema.REDIS_URL,
      prefix: schema.REDIS_PREFIX ?? 'km',
      configuredPrefix: schema.REDIS_PREFIX,
    },
    http: {
      port: schema.PORT,
      host: schema.HOST,
      publicBaseUrl,
      corsOrigins: (schema.CORS_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
      trustProxy: trustProxyOf(schema.TRUST_PROXY),
      apiDocs: (schema.API_DOCS ?? (production ? 'off' : 'on')) === 'on',
      metrics: schema.METRICS_TOKEN
        ? { token: schema.METRICS_TOKEN }
        : production
          ? 'off'
          : 'public',
    },
    logLevel: schema.LOG_LEVEL,
    admin: { email: schema.ADMIN_EMAIL, password: schema.ADMIN_PASSWORD },
    jwt: {
      secret: schema.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
      ttlSeconds: schema.JWT_TTL_SECONDS,
    },
    matching: {
      debounceMs: schema.MATCH_DEBOUNCE_MS,
      nightlyCron: schema.NIGHTLY_REMATCH_CRON,
      engineThreads: schema.MATCH_ENGINE_THREADS,
    },
    outbox: {
      pollMs: schema.OUTBOX_POLL_MS,
      listen: schema.OUTBOX_LISTEN === 'on',
      redeliverAfterMs: schema.OUTBOX_REDELIVER_AFTER_MS,
    },
    mail: { dir: schema.MAIL_DIR ?? '.data/mail', smtpUrl: schema.SMTP_URL },
    privacy: {
      retentionDays: schema.PERSONAL_DATA_RETENTION_DAYS,
      retentionCron: schema.PERSONAL_DATA_RETENTION_CRON,
      retentionBatchSize: schema.PERSONAL_DATA_RETENTION_BATCH,
    },
    rateLimit: {
      publicPerMinute: schema.PUBLIC_RATE_LIMIT_PER_MINUTE,
      loginPerMinute: schema.LOGIN_RATE_LIMIT_PER_MINUTE,
      matchingRunsPerHour: schema.MATCHING_RUNS_PER_HOUR,
    },
    esf: {
      minEmployers: schema.ESF_MIN_EMPLOYERS,
      minMunicipalities: schema.ESF_MIN_MUNICIPALITIES,
      budgetMinSek: schema.ESF_BUDGET_MIN_SEK,
      budgetMaxSek: schema.ESF_BUDGET_MAX_SEK,
      genderMinShare: schema.ESF_GENDER_MIN_PERCENT / 100,
      nationalCofinancingShare: schema.ESF_NATIONAL_COFINANCING_PERCENT / 100,
    },
  };
}

function trustProxyOf(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value === 'loopback') return ['loopback'];
  if (value === 'off') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((entry) => entry.trim());
}

function firstConfigError(errors: ValidationError[], env: NodeJS.ProcessEnv): ConfigError {
  const error = errors[0];
  const variable = error.property;
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '')
    return new ConfigError(variable, 'is required but not set');
  // Decorators register bottom-up, so the last constraint is the first one written: the main rule.
  const problem = Object.values(error.constraints ?? {}).at(-1) ?? 'is invalid';
  return new ConfigError(
    variable,
    `${problem.replace(new RegExp(`^${variable}\\s*`), '')} (got "${redact(variable, raw)}")`,
  );
}

function redact(variable: string, raw: string): string {
  if (/SECRET|PASSWORD/.test(variable)) return '***';
  return raw.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@').slice(0, 80);
}
