import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from the committed schema; `documentMode: 'string'` keeps a GraphQL client
// runtime out of the bundle (the documents are plain strings sent by src/api/graphql.ts).
const config: CodegenConfig = {
  schema: '../../schema.gql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', JSONObject: 'Record<string, unknown>' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};
export default config;
