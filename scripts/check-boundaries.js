#!/usr/bin/env node
// Shows that the dependency rules bite: builds a small tree of deliberate violations in a temporary
// folder, runs dependency-cruiser on it with the project's own rules and fails unless every
// violation is reported under its rule (and a clean file is not). Part of `npm run lint`.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const cruiser = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** The scaffolding (file → source): files that break no rule. */
const files = {
  'libs/needs/src/index.ts': 'export const need = 1;\n',
  'libs/offerings/src/index.ts': "export * from './offering.service';\n",
  'libs/offerings/src/offering.service.ts': 'export const offering = 1;\n',
  'libs/initiatives/src/index.ts': 'export const initiative = 1;\n',
  'apps/api/src/main.ts': "import { need } from '@km/needs';\nexport const api = need;\n",
  'apps/matcher/src/main.ts': 'export const matcher = 1;\n',
  'libs/matching/src/index.ts': 'export const engine = 1;\n',
  // The other half of the cycle below.
  'libs/auth/src/roles.guard.ts':
    "import { d } from './roles.decorator';\nexport const g = () => d;\n",
  // Clean: a context using another through its index.
  'libs/proposals/src/clean.ts': "import { need } from '@km/needs';\nexport const ok = need;\n",
};
/** [file, source, the rule it must trip]: one deliberate violation each. */
const violations = [
  [
    'libs/database/src/entities.ts',
    "import { need } from '@km/needs';\nexport const e = need;\n",
    'database-knows-no-context',
  ],
  [
    'libs/matching/src/uses-lib.ts',
    "import { need } from '@km/needs';\nexport const m = need;\n",
    'matching-is-pure',
  ],
  [
    'libs/matching/src/uses-fs.ts',
    "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
    'matching-no-io-core-modules',
  ],
  [
    'libs/auth/src/roles.decorator.ts',
    "import { g } from './roles.guard';\nexport const d = () => g;\n",
    'no-circular',
  ],
  [
    'libs/common/src/clock.ts',
    "import { need } from '@km/needs';\nexport const c = need;\n",
    'common-and-config-are-leaves',
  ],
  [
    'libs/needs/src/uses-app.ts',
    "import { api } from '../../../apps/api/src/main';\nexport const u = api;\n",
    'libs-not-to-apps',
  ],
  [
    'apps/api/src/uses-matcher.ts',
    "import { matcher } from '../../matcher/src/main';\nexport const u = matcher;\n",
    'apps-not-to-other-apps',
  ],
  [
    'libs/needs/src/deep-import.ts',
    "import { offering } from '../../offerings/src/offering.service';\nexport const d = offering;\n",
    'libs-through-their-index',
  ],
  [
    'libs/monitoring/src/monitoring.service.ts',
    "import { initiative } from '@km/initiatives';\nexport const s = initiative;\n",
    'monitoring-reads-no-workflow',
  ],
  [
    'libs/needs/src/uses-test.ts',
    "import { b } from '../../../test/support/builders';\nexport const t = b;\n",
    'not-to-tests',
  ],
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'km-boundaries-'));
try {
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  for (const [file, text] of Object.entries(files)) write(file, text);
  for (const [file, text] of violations) write(file, text);
  write('test/support/builders.ts', 'export const b = 1;\n');
  write(
    'tsconfig.json',
    JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@km/*': ['libs/*/src'] } } }),
  );
  const run = spawnSync(
    process.execPath,
    [
      cruiser,
      'apps',
      'libs',
      '--config',
      path.join(root, '.dependency-cruiser.cjs'),
      // The same output type as `npm run lint:deps`, whose exit code fails the lint.
      '--output-type',
      'err',
    ],
    { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (!/dependency violations/.test(run.stdout)) {
    throw new Error(`dependency-cruiser did not run: ${run.stderr}`);
  }
  const found = [...run.stdout.matchAll(/error (\S+): (\S+) →/g)].map(
    ([, rule, from]) => `${from} ${rule}`,
  );
  const missing = violations
    .filter(([file, , rule]) => !found.includes(`${file} ${rule}`))
    .map(([file, , rule]) => `${rule} not reported for ${file}`);
  const wrong = found.filter((v) => v.startsWith('libs/proposals/src/clean.ts'));
  if (run.status === 0) missing.push('dependency-cruiser exited 0 on a tree with violations');
  if (missing.length || wrong.length) {
    console.error(['Boundary rules do not bite:', ...missing, ...wrong].join('\n  '));
    process.exit(1);
  }
  console.log(`Boundary rules: all ${violations.length} deliberate violations reported.`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
