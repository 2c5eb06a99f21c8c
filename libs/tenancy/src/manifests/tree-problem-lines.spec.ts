import { locateTreeProblems } from './tree-problem-lines';

const yaml = (...lines: string[]): string => lines.join('\n') + '\n';

describe('locateTreeProblems', () => {
  const file = yaml(
    'apiVersion: portal/v1', // 1
    'kind: TenantTree', // 2
    'root:', // 3
    '  kind: PROVINCE', // 4
    '  nameVi: Tỉnh Thử', // 5
    '  host: thu.gov.vn', // 6
    '  children:', // 7
    '    - kind: WARD', // 8
    '      nameVi: Phường Một', // 9
    '    - kind: WARD', // 10
    '      nameVi: Phường Hai', // 11
    '      template: khong-co', // 12
  );

  it('gives each planning problem the line and column of the node or field it names, in line order', () => {
    const located = locateTreeProblems(file, [
      { path: '/root/children/1/template', code: 'UNKNOWN_TEMPLATE', message: 'unknown template' },
      { path: '/root/children/0', code: 'HOST_TAKEN', message: 'host taken' },
    ]);
    expect(located).toEqual([
      {
        line: 8,
        column: 7,
        path: '/root/children/0',
        code: 'HOST_TAKEN',
        message: '/root/children/0: host taken',
      },
      {
        line: 12,
        column: 17,
        path: '/root/children/1/template',
        code: 'UNKNOWN_TEMPLATE',
        message: '/root/children/1/template: unknown template',
      },
    ]);
  });

  it('answers nothing for no problems', () => {
    expect(locateTreeProblems(file, [])).toEqual([]);
  });
});
