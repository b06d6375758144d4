import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const TYPES: Record<string, string> = {
  'site.css': 'text/css; charset=utf-8',
  'competence-search.js': 'text/javascript; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'chart.umd.min.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
  'queue-board.css': 'text/css; charset=utf-8',
  'queue-board.js': 'text/javascript; charset=utf-8',
};

/** Third-party browser code served from the installed package (no CDN; CSP 'self'). */
const VENDOR: Record<string, () => string> = {
  'chart.umd.min.js': () => join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
};

/**
 * The folder of the static assets: next to the compiled code (the build copies it into dist), or
 * the source folder when running from TypeScript (tests, ts-node).
 */
function assetsDir(): string {
  const candidates = [
    join(__dirname, '..', 'public'),
    join(process.cwd(), 'apps', 'api', 'src', 'public'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'site.css'))) ?? candidates[0];
}

/** Serves the pages' CSS and JavaScript (CSP allows only same-origin scripts). */
@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  private readonly files = new Map<string, Buffer>();

  constructor() {
    const dir = assetsDir();
    for (const name of Object.keys(TYPES)) {
      const path = VENDOR[name]?.() ?? join(dir, name);
      if (existsSync(path)) this.files.set(name, readFileSync(path));
    }
  }

  @Get(':name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const file = Object.hasOwn(TYPES, name) ? this.files.get(name) : undefined;
    if (!file) throw new NotFoundException(`No asset named ${name}`);
    res
      .status(200)
      .setHeader('Content-Type', TYPES[name])
      .setHeader('Cache-Control', 'public, max-age=3600')
      .send(file);
  }
}
