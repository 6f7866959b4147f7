/** One jest run covers unit, plugin and end-to-end suites; globalSetup provides the database. */
const swc = [
  '@swc/jest',
  {
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/plugins', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@backbridge/core$': '<rootDir>/libs/core/src/index.ts',
    '^@backbridge/plugin-sdk$': '<rootDir>/libs/plugin-sdk/src/index.ts',
    '^@backbridge/plugin-sdk/conformance$': '<rootDir>/libs/plugin-sdk/src/conformance/index.ts',
    '^@backbridge/persistence$': '<rootDir>/libs/persistence/src/index.ts',
    '^@backbridge/sandbox$': '<rootDir>/apps/sandbox/src/index.ts',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
