export interface StartedRedis {
  url: string;
  stop: () => Promise<void>;
  owned: boolean;
  port?: number;
}
export interface StartedPostgres {
  port: number;
  adminUrl: string;
  urlFor: (database: string) => string;
  stop: () => Promise<void>;
}
export function freePort(): Promise<number>;
export function portAnswers(port: number, host?: string, timeoutMs?: number): Promise<boolean>;
export function redisAnswers(url: string, timeoutMs?: number): Promise<boolean>;
export function resolveRedis(options?: {
  log?: (line: string) => void;
  preferOwn?: boolean;
}): Promise<StartedRedis>;
export function startRedisServer(options?: {
  binary?: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<StartedRedis>;
export function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
  persistent?: boolean;
}): Promise<StartedPostgres>;
export function ensureDatabase(adminUrl: string, name: string): Promise<void>;
export function whichRedisServer(): string | null;
export function redact(url: string): string;
export const REDIS_HELP: string;
