import { INestApplicationContext, LoggerService } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/** Nest's own start-up lines (a module loaded, a route mapped): ~100 of them per start. */
const NEST_STARTUP_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/**
 * The app's pino logger, with Nest's start-up chatter at debug: at the default level a start
 * shows what matters (listening, ready, warnings), and LOG_LEVEL=debug brings the rest back.
 */
export class StartupQuietLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && NEST_STARTUP_CONTEXTS.has(context)) {
      this.pino.debug(message, ...optionalParams);
    } else {
      this.pino.log(message, ...optionalParams);
    }
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.pino.error(message, ...optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.pino.warn(message, ...optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.pino.debug(message, ...optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.pino.verbose(message, ...optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.pino.fatal(message, ...optionalParams);
  }
}

export function startupQuietLogger(app: INestApplicationContext): StartupQuietLogger {
  return new StartupQuietLogger(app.get(Logger));
}
