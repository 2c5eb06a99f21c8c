import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TenantKind } from '../tenants/tenant-kind';
import { loadTenantManifestFile, parseTenantManifest } from './tenant-manifest.loader';
import type { ManifestIssue, ManifestParseResult } from './tenant-manifest.types';

/** Joins lines so that line N of the manifest is argument N: keeps expected line numbers readable. */
const yaml = (...lines: string[]): string => lines.join('\n') + '\n';

const HEADER = ['apiVersion: portal/v1', 'kind: TenantTree', 'root:'] as const; // lines 1-3

function issuesOf(result: ManifestParseResult): ManifestIssue[] {
  if (result.ok) throw new Error('expected the manifest to be rejected');
  return result.issues;
}

describe('parseTenantManifest', () => {
  it('accepts a valid tree and returns names trimmed and in NFC', () => {
    // "Thành phố Hồ Chí Minh" typed with combining marks (NFD), as some editors save it.
    const nfdName = 'Tha\u0300nh pho\u0302\u0301 Ho\u0302\u0300 Chi\u0301 Minh';
    const nfdWard = 'Phu\u031b\u01a1\u0300ng Sa\u0300i Go\u0300n';
    expect(nfdName).not.toBe(nfdName.normalize('NFC'));

    const result = parseTenantManifest(
      yaml(
        ...HEADER,
        '  kind: PROVINCE',
        `  nameVi: "  ${nfdName} "`,
        '  nameEn: Ho Chi Minh City',
        '  host: hochiminhcity.gov.vn',
        '  unitCode: "79"',
        '  aliases: [tphcm.gov.vn]',
        '  children:',
        '    - kind: DEPARTMENT',
        '      nameVi: Sở Nội vụ',
        '      children:',
        '        - kind: THEMATIC',
        '          nameVi: Cải cách hành chính',
        '          label: caicachhanhchinh',
        '    - kind: WARD',
        `      nameVi: ${nfdWard}`,
        '      status: SUSPENDED',
      ),
    );

    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const { root } = result.manifest;
    expect(root.nameVi).toBe('Thành phố Hồ Chí Minh'.normalize('NFC'));
    expect(root.nameVi).toBe(nfdName.normalize('NFC').trim());
    expect(root.host).toBe('hochiminhcity.gov.vn');
    expect(root.aliases).toEqual(['tphcm.gov.vn']);
    expect(root.children?.map((child) => child.kind)).toEqual([TenantKind.DEPARTMENT, TenantKind.WARD]);
    expect(root.children?.[0].children?.[0].label).toBe('caicachhanhchinh');
    expect(root.children?.[1].nameVi).toBe('Phường Sài Gòn'.normalize('NFC'));
    expect(root.children?.[1].nameVi.normalize('NFC')).toBe(root.children?.[1].nameVi);
  });

  it('reports a YAML syntax error at the line and column the parser gives', () => {
    const issues = issuesOf(
      parseTenantManifest(
        yaml(
          ...HEADER,
          '  kind: PROVINCE',
          '  nameVi: Tỉnh Kiên Giang',
          '  host: kiengiang.gov.vn: www', // line 6: a second ": " on one line
          '  unitCode: "91"',
        ),
      ),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 6, column: 9 });
    expect(issues[0].message).toMatch(/nested mappings/i);
  });

  it('points an unknown field at its key', () => {
    const issues = issuesOf(
      parseTenantManifest(
        yaml(
          ...HEADER,
          '  kind: PROVINCE',
          '  nameVi: Thành phố Hồ Chí Minh',
          '  host: hochiminhcity.gov.vn',
          '  children:',
          '    - kind: DEPARTMENT',
          '      nmeVi: Sở Tư pháp', // line 9, key at column 7
          '      nameVi: Sở Tư pháp',
        ),
      ),
    );
    expect(issues).toEqual([
      {
        line: 9,
        column: 7,
        path: '/root/children/0/nmeVi',
        message: '/root/children/0: unknown field "nmeVi"',
      },
    ]);
  });

  it('reports a wrong kind on the line where it is written', () => {
    const issues = issuesOf(
      parseTenantManifest(
        yaml(
          ...HEADER,
          '  kind: PROVINCE',
          '  nameVi: Thành phố Hồ Chí Minh',
          '  host: hochiminhcity.gov.vn',
          '  children:',
          '    - kind: WARD',
          '      nameVi: Phường Sài Gòn',
          '    - nameVi: Phường Tân Định',
          '      kind: PRECINCT', // line 11
        ),
      ),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 11, column: 13, path: '/root/children/1/kind' });
    expect(issues[0].message).toBe(
      '/root/children/1/kind: must be one of PROVINCE, DEPARTMENT, DISTRICT, COMMUNE, WARD, TOWNSHIP, SPECIAL_ZONE, THEMATIC',
    );
  });

  it('reports a missing nameVi at the node that lacks it', () => {
    const issues = issuesOf(
      parseTenantManifest(
        yaml(
          ...HEADER,
          '  kind: PROVINCE',
          '  nameVi: Tỉnh Kiên Giang',
          '  host: kiengiang.gov.vn',
          '  children:',
          '    - kind: DISTRICT', // line 8: the node starts at "kind"
          '      label: rachgia',
        ),
      ),
    );
    expect(issues).toEqual([
      {
        line: 8,
        column: 7,
        path: '/root/children/0',
        message: '/root/children/0: missing required field "nameVi"',
      },
    ]);
  });

  it('reports a duplicate sibling label on the second sibling', () => {
    const issues = issuesOf(
      parseTenantManifest(
        yaml(
          ...HEADER,
          '  kind: PROVINCE',
          '  nameVi: Tỉnh Kiên Giang',
          '  host: kiengiang.gov.vn',
          '  children:',
          '    - kind: DISTRICT',
          '      nameVi: Thành phố Rạch Giá',
          '      label: rachgia',
          '    - kind: DISTRICT',
          '      nameVi: Huyện Rạch Giá',
          '      label: rachgia', // line 13
          '      children:',
          '        - kind: COMMUNE', // the same label one level down is another host: allowed
          '          nameVi: Xã Rạch Giá',
          '          label: rachgia',
        ),
      ),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 13, column: 14, path: '/root/children/1/label' });
    expect(issues[0].message).toContain('"rachgia" is already used by sibling /root/children/0');
  });

  it('refuses host on a node other than the root', () => {
    const issues = issuesOf(
      parseTenantManifest(
        yaml(
          ...HEADER,
          '  kind: PROVINCE',
          '  nameVi: Tỉnh Kiên Giang',
          '  host: kiengiang.gov.vn',
          '  children:',
          '    - kind: DEPARTMENT',
          '      nameVi: Sở Tư pháp',
          '      host: stp.kiengiang.gov.vn', // line 10
        ),
      ),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 10, column: 7, path: '/root/children/0/host' });
    expect(issues[0].message).toContain('only allowed on the root');
  });

  it('requires the root to have a host or a label', () => {
    const issues = issuesOf(
      parseTenantManifest(yaml(...HEADER, '  kind: PROVINCE', '  nameVi: Tỉnh Kiên Giang')),
    );
    expect(issues).toEqual([
      { line: 4, column: 3, path: '/root', message: '/root: the root needs a "host" or a "label"' },
    ]);
  });

  it('reports every issue at once, sorted by line then column', () => {
    const issues = issuesOf(
      parseTenantManifest(
        yaml(
          'apiVersion: portal/v2', // line 1
          'kind: TenantTree',
          'root:',
          '  kind: PROVINCE',
          '  nameVi: Tỉnh Kiên Giang',
          '  label: kiengiang',
          '  unitCode: 91', // line 7: a number, not a string
          '  aliases: [kiengiang.gov.vn, Bad_Host, kiengiang.gov.vn]', // line 8
        ),
      ),
    );
    expect(issues.map(({ line, column, path }) => [line, column, path])).toEqual([
      [1, 13, '/apiVersion'],
      [7, 13, '/root/unitCode'],
      [8, 31, '/root/aliases/1'],
      [8, 41, '/root/aliases/2'],
    ]);
    expect(issues[1].message).toBe('/root/unitCode: must be a string (put the value in quotes)');
    expect(issues[3].message).toBe('/root/aliases/2: "kiengiang.gov.vn" is listed twice');
  });
});

describe('loadTenantManifestFile', () => {
  it('reads a UTF-8 file from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenant-manifest-'));
    try {
      const file = join(dir, 'tree.yaml');
      writeFileSync(
        file,
        yaml(...HEADER, '  kind: PROVINCE', '  nameVi: Tỉnh Kiên Giang', '  host: kiengiang.gov.vn'),
        'utf8',
      );
      const result = loadTenantManifestFile(file);
      expect(result.ok && result.manifest.root.nameVi).toBe('Tỉnh Kiên Giang');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a kind under a parent kind that may not hold it, on its line', () => {
    const issues = issuesOf(
      parseTenantManifest(
        yaml(
          ...HEADER,
          '  kind: PROVINCE',
          '  nameVi: Tỉnh A',
          '  host: a.gov.vn',
          '  children:',
          '    - kind: WARD',
          '      nameVi: Phường B',
          '      children:',
          '        - kind: DISTRICT',
          '          nameVi: Quận C',
        ),
      ),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 11, path: '/root/children/0/children/0/kind' });
    expect(issues[0].message).toContain('a DISTRICT cannot sit under a WARD');
  });
});
