import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupRefusal } from './backup-refusal';
import { assertToolFitsServer, findPgTool, majorOf, parseToolVersion, pgTarget } from './pg-tools';

describe('pg tools', () => {
  it('reads the version a tool reports, with or without a distribution suffix', () => {
    expect(parseToolVersion('pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n')).toBe('15.18');
    expect(parseToolVersion('pg_restore (PostgreSQL) 18.1\n')).toBe('18.1');
    expect(parseToolVersion('something else')).toBeNull();
    expect(majorOf('15.18')).toBe(15);
    expect(majorOf('18.1')).toBe(18);
  });

  it('keeps the password off the command line', () => {
    expect(pgTarget('postgres://app:s%40cret@db.internal:5432/portal?sslmode=require')).toEqual({
      dbname: 'postgres://app@db.internal:5432/portal?sslmode=require',
      password: 's@cret',
    });
    expect(pgTarget('postgres://app@db/portal').password).toBeNull();
  });

  it('refuses a tool older than the server, naming both versions', () => {
    const tool = { name: 'pg_dump' as const, path: '/usr/bin/pg_dump', version: '15.18', major: 15 };
    expect(() => assertToolFitsServer(tool, '15.4')).not.toThrow();
    expect(() => assertToolFitsServer(tool, '14.11')).not.toThrow();
    expect(() => assertToolFitsServer(tool, '17.2')).toThrow(BackupRefusal);
    expect(() => assertToolFitsServer(tool, '17.2')).toThrow(
      /pg_dump 15\.18 .* PostgreSQL 17\.2: set PG_DUMP/,
    );
  });

  it('finds a tool through its environment override, and explains a missing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-tools-'));
    try {
      const fake = join(dir, 'pg_restore');
      writeFileSync(fake, '#!/bin/sh\necho "pg_restore (PostgreSQL) 17.0"\n');
      chmodSync(fake, 0o755);
      await expect(findPgTool('pg_restore', { PG_RESTORE: fake })).resolves.toEqual({
        name: 'pg_restore',
        path: fake,
        version: '17.0',
        major: 17,
      });
      await expect(findPgTool('pg_dump', { PG_DUMP: join(dir, 'missing') })).rejects.toThrow(
        /pg_dump not found .* set PG_DUMP/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
