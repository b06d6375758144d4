/**
 * The architecture, checked by `npm run lint` (`npm run lint:deps`):
 * apps compose libs; libs never reach into apps; the matching engine is pure; the database lib
 * knows no bounded context (contexts register their entities with it); no cycles.
 * scripts/check-boundaries.js shows that each rule fails on a deliberate violation.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle hides which module depends on which; split the shared part out.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libs-not-to-apps',
      severity: 'error',
      comment: 'Apps compose libs; a lib never imports an app.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-not-to-other-apps',
      severity: 'error',
      comment: 'Apps share code only through libs.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'matching-is-pure',
      severity: 'error',
      comment:
        'libs/matching is the deterministic engine: nothing outside itself, no framework or I/O; ' +
        'only the Swedish labels (plain data, no imports), so its texts use the pages\' words.',
      from: { path: '^libs/matching/', pathNot: '\\.spec\\.ts$|/testing/' },
      to: { pathNot: '^libs/(matching|labels)/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'labels-are-plain-data',
      severity: 'error',
      comment: 'libs/labels is what the pure engine may import, so it imports nothing itself.',
      from: { path: '^libs/labels/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: '^libs/labels/' },
    },
    {
      name: 'matching-tests-use-dev-tools-only',
      severity: 'error',
      comment: 'The engine tests may use dev tools (fast-check), still nothing of another lib.',
      from: { path: '^libs/matching/.*(\\.spec\\.ts$|/testing/)' },
      to: { pathNot: '^libs/matching/', dependencyTypesNot: ['core', 'npm-dev'] },
    },
    {
      name: 'matching-no-io-core-modules',
      severity: 'error',
      comment: 'libs/matching does no I/O.',
      from: { path: '^libs/matching/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|net|http|https|child_process|dgram)$' },
    },
    {
      name: 'database-knows-no-context',
      severity: 'error',
      comment:
        'libs/database holds the connection and the migrations only; bounded contexts register ' +
        'their entities with it (TypeOrmModule.forFeature), never the other way round.',
      from: { path: '^libs/database/' },
      to: { path: '^libs/', pathNot: ['^libs/database/', '^libs/config/', '^libs/common/'] },
    },
    {
      name: 'common-and-config-are-leaves',
      severity: 'error',
      comment: 'Shared errors, the clock and the config sit below every context.',
      from: { path: '^libs/(common|config)/' },
      to: { path: '^libs/', pathNot: ['^libs/common/', '^libs/config/'] },
    },
    {
      name: 'monitoring-reads-no-workflow',
      severity: 'error',
      comment:
        'Monitoring reads figures; it does not depend on the workflow contexts (an error it ' +
        'shares with them belongs in libs/common).',
      from: { path: '^libs/monitoring/' },
      to: { path: '^libs/(initiatives|proposals|lifecycle|project-drafts|demo)/' },
    },
    {
      name: 'libs-through-their-index',
      severity: 'error',
      comment: 'Another lib is used through its public index (@km/<lib>), not its files.',
      from: { path: '^(libs|apps)/([^/]+)/' },
      to: {
        path: '^libs/([^/]+)/src/.+',
        pathNot: ['^libs/$2/', '^libs/[^/]+/src/index\\.ts$', '^libs/[^/]+/src/testing/'],
      },
    },
    {
      name: 'not-to-tests',
      severity: 'error',
      comment: 'Production code never imports test support or specs.',
      from: { path: '^(apps|libs)/', pathNot: '\\.(spec|e2e-spec|int-spec)\\.ts$|/testing/' },
      to: { path: '^test/|\\.(spec|e2e-spec|int-spec)\\.ts$' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|coverage|\\.data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
