import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchema } from 'graphql';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { EndpointDeclarations } from '../libs/access/src';
import { TestApp, startTestApp } from './support/test-app';

const SCHEMA_FILE = join(__dirname, '..', 'schema.gql');
const ACCESS_FILE = join(__dirname, 'endpoint-access.txt');
const update = process.env.UPDATE_SNAPSHOTS === '1';

/**
 * Who can reach what, and the public contract, are reviewed changes: both are checked in and a
 * difference fails the build. Regenerate with `UPDATE_SNAPSHOTS=1 npx jest test/endpoint-access`.
 */
describe('declared access of every endpoint, and the schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('every GraphQL entry point and HTTP route declares its access, as checked in', () => {
    const list = t.app.get(EndpointDeclarations).list();
    expect(list.length).toBeGreaterThan(15);
    expect(list.filter((e) => e.access === 'UNDECLARED')).toEqual([]);
    const text = `${list.map((e) => `${e.endpoint.padEnd(32)} ${e.access}`).join('\n')}\n`;
    if (update) writeFileSync(ACCESS_FILE, text);
    expect(text).toBe(readFileSync(ACCESS_FILE, 'utf8'));
  });

  it('the GraphQL schema matches the committed schema.gql', () => {
    const schema = `${printSchema(t.app.get(GraphQLSchemaHost).schema)}\n`;
    if (update) writeFileSync(SCHEMA_FILE, schema);
    expect(schema).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });
});
