import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { startupQuietLogger } from '@km/common';
import { AppConfig, APP_CONFIG } from '@km/config';
import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { rejectUnparsedBodies, rejectUnsafeQueries, safeJsonReviver } from './common/request-body';
import { RequestValidationException, toFieldProblems } from './common/validation.exception';
import { metricsAccess } from './metrics/metrics-access';
import { mountQueueBoard } from './queue-board/queue-board';

/** Creates the configured HTTP app (not yet listening); shared by main.ts and the e2e tests. */
export async function createApiApp(
  options: { logger?: boolean } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    // Tests that ask for no logger get none at all (Nest's own start-up lines included).
    ...(options.logger === false ? { logger: false } : { bufferLogs: true }),
    bodyParser: false,
    abortOnError: false,
  });
  const config = app.get<AppConfig>(APP_CONFIG);
  if (options.logger !== false) app.useLogger(startupQuietLogger(app));
  configureApiApp(app, config);
  return app;
}

export function configureApiApp(app: NestExpressApplication, config: AppConfig): void {
  // Which proxies may say who the client is (TRUST_PROXY): every per-client limit depends on it.
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '64kb', reviver: safeJsonReviver });
  app.useBodyParser('urlencoded', { limit: '64kb', extended: false });
  app.use(rejectUnparsedBodies);
  app.use(rejectUnsafeQueries);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
        },
      },
    }),
  );
  app.enableCors(
    config.http.corsOrigins.length ? { origin: config.http.corsOrigins } : { origin: false },
  );
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: (errors) => new RequestValidationException(toFieldProblems(errors)),
    }),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  app.use('/metrics', metricsAccess(config));
  if (config.http.apiDocs) setupOpenApi(app);
  mountQueueBoard(app);
}

function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Kompetensmäklaren API')
      .setDescription(
        'Brokering competence development for small employers. Errors are RFC 9457 problem+json.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  // The Swagger UI loads its scripts from /docs itself: it runs under the same CSP as every page.
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
