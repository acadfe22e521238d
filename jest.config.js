/** Jest: TypeScript through SWC, Node by default (component tests opt into jsdom per file). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // ESM-only packages used by the renderer are transformed too.
  transformIgnorePatterns: ['/node_modules/(?!(@tanstack)/)'],
  testTimeout: 60000,
  setupFiles: ['<rootDir>/test/helpers/jest-env.js'],
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/helpers/summary-reporter.js'],
};
