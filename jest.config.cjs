// Nest 12 ships ESM only; the tests run as CommonJS, so swc transforms those packages too.
const esmPackages = ['@nestjs', 'htmlparser2', 'domhandler', 'domutils', 'dom-serializer', 'entities', 'domelementtype', 'file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', '@borewit', 'load-esm', 'uid', 'feed'];
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      // Rewrites @portal/* imports at transform time, so global setup (which ignores
      // moduleNameMapper) resolves them too.
      baseUrl: __dirname,
      paths: { '@portal/*': ['libs/*/src'] },
    },
    module: { type: 'commonjs' },
  },
];
// Pages are typed JSX (.tsx): the same options with the TSX parser and React's automatic runtime.
const swcTsx = [
  '@swc/jest',
  {
    ...swc[1],
    jsc: {
      ...swc[1].jsc,
      parser: { syntax: 'typescript', tsx: true, decorators: true },
      transform: { ...swc[1].jsc.transform, react: { runtime: 'automatic' } },
    },
  },
];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx$': swcTsx, '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: { '^@portal/(.*)$': '<rootDir>/libs/$1/src' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
};

module.exports = {
  // e2e files boot the real app and PostgreSQL; CLI tests spawn processes.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,bench,deploy,tools}/**/*.spec.{ts,tsx}'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
