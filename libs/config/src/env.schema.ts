import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** The environment variables the services read; validated once at start-up. */
export class EnvSchema {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string;

  @Transform(emptyToUndefined)
  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'must be a redis:// URL' })
  REDIS_URL: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9:_-]{1,40}$/, { message: 'must be 1-40 letters, digits, ":", "_" or "-"' })
  REDIS_PREFIX?: string;

  @Type(() => Number)
  @IsInt({ message: 'must be an integer port number' })
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s):// URL' })
  PUBLIC_BASE_URL?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(12, { message: 'must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of seconds' })
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_TTL_SECONDS = 3600;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(0)
  @Max(60000)
  MATCH_DEBOUNCE_MS = 300;

  /**
   * Worker threads that run the matching engine off the event loop (so queue locks renew and the
   * process keeps answering while a large county is matched). 0 runs it on the main thread.
   */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of threads' })
  @Min(0)
  @Max(64)
  MATCH_ENGINE_THREADS = 2;

  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(10)
  @Max(60000)
  OUTBOX_POLL_MS = 100;

  /** Wake the relay by PostgreSQL LISTEN/NOTIFY on commit ('off' leaves polling alone). */
  @IsIn(['on', 'off'], { message: 'must be on or off' })
  OUTBOX_LISTEN: 'on' | 'off' = 'on';

  /** A published event not consumed after this long is looked up in its queue (and re-sent if gone). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(1000)
  @Max(24 * 3600 * 1000)
  OUTBOX_REDELIVER_AFTER_MS = 60000;

  @IsString()
  NIGHTLY_REMATCH_CRON = '0 2 * * *';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  MAIL_DIR?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must be an smtp:// URL' })
  SMTP_URL?: string;

  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of days' })
  @Min(1)
  PERSONAL_DATA_RETENTION_DAYS = 730;

  @IsString()
  PERSONAL_DATA_RETENTION_CRON = '30 3 * * *';

  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(10000)
  PERSONAL_DATA_RETENTION_BATCH = 500;

  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  PUBLIC_RATE_LIMIT_PER_MINUTE = 30;

  // ESF+ call rules for project drafts (domain brief: ≥ 3 employers, ≥ 3 municipalities for
  // regional vocational adult education, ≥ 40 % of either gender, about 46 % national co-financing).
  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(1000)
  ESF_MIN_EMPLOYERS = 3;

  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(290)
  ESF_MIN_MUNICIPALITIES = 3;

  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of kronor' })
  @Min(0)
  ESF_BUDGET_MIN_SEK = 100_000;

  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of kronor' })
  @Min(1)
  ESF_BUDGET_MAX_SEK = 20_000_000;

  @Type(() => Number)
  @IsInt({ message: 'must be a whole percentage 0-50' })
  @Min(0)
  @Max(50)
  ESF_GENDER_MIN_PERCENT = 40;

  @Type(() => Number)
  @IsInt({ message: 'must be a whole percentage 0-100' })
  @Min(0)
  @Max(100)
  ESF_NATIONAL_COFINANCING_PERCENT = 46;

  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE = 5;

  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  MATCHING_RUNS_PER_HOUR = 20;

  /** `on` or `off`; unset: off in production, on elsewhere. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['on', 'off'], { message: 'must be on or off' })
  API_DOCS?: 'on' | 'off';

  /** When set, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(32, { message: 'must be at least 32 characters' })
  METRICS_TOKEN?: string;

  /**
   * Which proxies to believe about the client address (X-Forwarded-For): a hop count (`1`),
   * addresses/CIDRs (`10.0.0.1, 10.0.0.0/8`), `loopback` (the default) or `off`.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^(off|loopback|\d{1,2}|[0-9A-Fa-f.:/]+(\s*,\s*[0-9A-Fa-f.:/]+)*)$/, {
    message: 'must be a hop count, a comma-separated list of addresses or CIDRs, loopback or off',
  })
  TRUST_PROXY?: string;
}
