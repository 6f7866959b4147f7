/** Architecture rules (docs/architecture.md), checked by `npm test` before jest runs. */
module.exports = {
  forbidden: [
    {
      name: 'core-is-framework-free',
      comment: 'libs/core is the unified domain: no NestJS, TypeORM, axios or database drivers.',
      severity: 'error',
      from: { path: '^libs/core/' },
      to: { path: 'node_modules/(@nestjs|typeorm|axios|pg|@electric-sql|cockatiel|ibm-cloud-sdk-core)/' },
    },
    {
      name: 'core-knows-no-other-layer',
      severity: 'error',
      from: { path: '^libs/core/' },
      to: { path: '^(apps|plugins|test|libs/(plugin-sdk|persistence))/' },
    },
    {
      name: 'sdk-knows-no-gateway',
      severity: 'error',
      from: { path: '^libs/plugin-sdk/' },
      to: { path: '^(apps|plugins|test|libs/persistence)/' },
    },
    {
      name: 'plugins-use-only-sdk-and-core',
      comment: 'A plugin imports @backbridge/core and @backbridge/plugin-sdk, never the gateway, the database layer or NestJS.',
      severity: 'error',
      from: { path: '^plugins/([^/]+)/' },
      to: { path: '^(apps|test|libs/persistence)/|node_modules/(@nestjs|typeorm|pg)/' },
    },
    {
      name: 'no-plugin-internals',
      comment: 'Outside its own folder a plugin is reached only through plugins/<id>/src/index.ts (and its emulator entry).',
      severity: 'error',
      from: { path: '^(?!plugins/$1/)', pathNot: '^plugins/([^/]+)/' },
      to: { path: '^plugins/([^/]+)/src/', pathNot: '^plugins/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'plugin-code-has-no-emulator',
      comment: 'A plugin reaches its vendor over HTTP only; emulators are a separate program.',
      severity: 'error',
      from: { path: '^plugins/[^/]+/src/' },
      to: { path: '^(libs/emulator-kit|plugins/[^/]+/emulator)/' },
    },
    {
      name: 'emulators-stand-alone',
      comment: 'An emulator follows the vendor documentation, not the plugin: it shares no code with plugins or the gateway.',
      severity: 'error',
      from: { path: '^plugins/[^/]+/emulator/' },
      to: { path: '^(apps|test|plugins/[^/]+/src|libs/(plugin-sdk|persistence))/' },
    },
    {
      name: 'source-does-not-import-tests',
      severity: 'error',
      from: { path: '^(apps|libs|plugins/[^/]+/(src|emulator))/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^test/|\\.spec\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
  },
};
