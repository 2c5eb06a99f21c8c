import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computePermissionMatrix, renderPermissionMatrix } from './permission-matrix';

const FILE = join(__dirname, '..', '..', 'permission-matrix.md');

describe('permission matrix (role × action × position)', () => {
  it('matches the checked-in table cell by cell', () => {
    if (process.env.UPDATE_SNAPSHOTS === '1') writeFileSync(FILE, renderPermissionMatrix());
    const checkedIn = new Map<string, string>();
    for (const line of readFileSync(FILE, 'utf8').split('\n')) {
      // Cells may be padded (Markdown formatters align tables).
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      if (cells.length === 6 && cells.slice(2).every((c) => c === 'yes' || c === 'no'))
        checkedIn.set(`${cells[0]} | ${cells[1]}`, cells.slice(2).join(' '));
    }
    const computed = computePermissionMatrix();
    expect(checkedIn.size).toBe(computed.size);
    const differences = [...computed]
      .filter(([key, cells]) => checkedIn.get(key) !== Object.values(cells).join(' '))
      .map(([key]) => key);
    expect(differences).toEqual([]);
  });

  it('encodes the specification (docs/domain.md) at its key points', () => {
    const m = computePermissionMatrix();
    const cell = (holder: string, action: string) => m.get(`${holder} | ${action}`)!;
    // The provincial office provisions and restructures below itself, never beside or above.
    expect(cell('OPERATOR (SUBTREE)', 'provision Tenant (child under it)')).toEqual({
      own: 'yes',
      descendant: 'yes',
      sibling: 'no',
      ancestor: 'no',
    });
    // A ward's own operator provisions nothing.
    expect(cell('OPERATOR (TENANT)', 'provision Tenant (child under it)')).toEqual({
      own: 'no',
      descendant: 'no',
      sibling: 'no',
      ancestor: 'no',
    });
    // The account list is confidential: operators, managers and owners only.
    expect(cell('BOARD_HEAD (TENANT)', 'read Account (account list)').own).toBe('no');
    expect(cell('MANAGER (TENANT)', 'read Account (account list)').own).toBe('yes');
    expect(cell('MANAGER (TENANT)', 'create Account').own).toBe('no');
    // Nobody grants beyond their own reach: a tenant operator cannot grant subtree-wide roles.
    expect(cell('OPERATOR (TENANT)', 'grant OPERATOR (SUBTREE)').own).toBe('no');
    expect(cell('OPERATOR (TENANT)', 'grant OWNER (TENANT)').own).toBe('no');
    expect(cell('OPERATOR (SUBTREE)', 'grant OWNER (TENANT)')).toEqual({
      own: 'no',
      descendant: 'yes',
      sibling: 'no',
      ancestor: 'no',
    });
    expect(cell('no role', 'read Tenant').own).toBe('no');
    // Only the head approves, never their own item; the operator publishes but never approves;
    // a deputy approves only under a delegation (added by the editorial lib, not by the role).
    expect(cell('BOARD_HEAD (TENANT)', "approve Content (another's item)").own).toBe('yes');
    expect(cell('BOARD_HEAD (TENANT)', 'approve Content (own item)').own).toBe('no');
    expect(cell('BOARD_DEPUTY (TENANT)', "approve Content (another's item)").own).toBe('no');
    expect(cell('OPERATOR (SUBTREE)', "approve Content (another's item)").own).toBe('no');
    expect(cell('OPERATOR (TENANT)', 'publish Content').own).toBe('yes');
    expect(cell('PLATFORM_ADMIN', "approve Content (another's item)").own).toBe('no');
    expect(cell('CONTRIBUTOR (TENANT)', "review Content (another's item)").own).toBe('no');
    // Who approves, per choice: by default a member with fields approves nothing; where the portal's
    // regulation lets members approve in their fields, exactly those fields on that portal.
    expect(cell('BOARD_MEMBER in field F (TENANT)', "approve Content (another's item, field F)").own).toBe(
      'no',
    );
    expect(
      cell(
        'BOARD_MEMBER in field F (TENANT), members approve in their fields',
        "approve Content (another's item, field F)",
      ),
    ).toEqual({ own: 'yes', descendant: 'no', sibling: 'no', ancestor: 'no' });
    expect(
      cell(
        'BOARD_MEMBER in field F (SUBTREE), members approve in their fields',
        "approve Content (another's item, field F)",
      ),
    ).toEqual({ own: 'yes', descendant: 'no', sibling: 'no', ancestor: 'no' });
    expect(
      cell(
        'BOARD_MEMBER in field F (TENANT), members approve in their fields',
        "approve Content (another's item, field G)",
      ).own,
    ).toBe('no');
    expect(
      cell('BOARD_MEMBER in field F (TENANT), members approve in their fields', 'approve Content (own item)')
        .own,
    ).toBe('no');
    // Unit pre-vetting: the unit leader vets on its own portal; the board does not vet, nor the unit decide.
    expect(cell('UNIT_LEADER (TENANT)', "vet Content (another's item, unit pre-vetting)")).toEqual({
      own: 'yes',
      descendant: 'no',
      sibling: 'no',
      ancestor: 'no',
    });
    expect(cell('UNIT_LEADER (TENANT)', "approve Content (another's item)").own).toBe('no');
    expect(cell('UNIT_LEADER (TENANT)', "review Content (another's item)").own).toBe('no');
    expect(cell('BOARD_HEAD (TENANT)', "vet Content (another's item, unit pre-vetting)").own).toBe('no');
    expect(cell('OPERATOR (TENANT)', 'grant BOARD_HEAD (TENANT)').own).toBe('yes');
    // Federation (docs/domain.md): the receiving board decides on its own portal only; a ward board
    // (TENANT scope) never decides for the province above it.
    expect(cell('BOARD_MEMBER (TENANT)', 'decide Syndication (the receiving portal)')).toEqual({
      own: 'yes',
      descendant: 'no',
      sibling: 'no',
      ancestor: 'no',
    });
    expect(cell('OPERATOR (SUBTREE)', 'decide Syndication (the receiving portal)').own).toBe('no');
    expect(cell('CONTRIBUTOR (TENANT)', "propose Content to an ancestor (the item's portal)").own).toBe('no');
    expect(cell('BOARD_MEMBER (TENANT)', "push Content down (the item's portal)").own).toBe('no');
    expect(cell('BOARD_HEAD (TENANT)', "push Content down (the item's portal)").own).toBe('yes');
    expect(cell('BOARD_DEPUTY (TENANT)', 'configure Syndication auto-accept rules').own).toBe('no');
    // The aggregated feed: SUBTREE scope, whatever the role; never with TENANT scope.
    for (const role of ['OWNER', 'MANAGER', 'OPERATOR', 'BOARD_HEAD', 'CONTRIBUTOR']) {
      expect(cell(`${role} (SUBTREE)`, 'aggregate Content (subtree feed)')).toEqual({
        own: 'yes',
        descendant: 'yes',
        sibling: 'no',
        ancestor: 'no',
      });
      expect(cell(`${role} (TENANT)`, 'aggregate Content (subtree feed)').own).toBe('no');
    }
  });
});
