import { NestExpressApplication } from '@nestjs/platform-express';

/**
 * Router entries that are not endpoints: Nest registers middleware applied to every route
 * (`forRoutes('*')`, e.g. the request logger) as an Express route for all methods.
 */
const NOT_ENDPOINTS = new Set(['ALL /{*path}']);

interface ExpressLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  rawPath?: unknown;
}

/** `METHOD /path` of every route and `USE /path` of every mount, read from Express 5's router. */
export function registeredRoutes(app: NestExpressApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as {
    router?: { stack: ExpressLayer[] };
    _router?: { stack: ExpressLayer[] };
  };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const keys = new Set<string>();
  for (const layer of stack) {
    if (layer.route) {
      const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all');
      const paths = ([] as string[]).concat(layer.route.path);
      // `all()` registers every method Node knows; name it once.
      const names = methods.length > 20 ? ['ALL'] : methods.map((m) => m.toUpperCase());
      for (const path of paths) for (const method of names) keys.add(`${method} ${path}`);
    } else if (typeof layer.rawPath === 'string' && layer.rawPath !== '/') {
      keys.add(`USE ${layer.rawPath}`);
    }
  }
  return [...keys].filter((key) => !NOT_ENDPOINTS.has(key)).sort();
}
