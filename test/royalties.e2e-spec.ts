import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import * as XLSX from '@e965/xlsx';
import type { Client } from 'pg';
import { Role, RoleScope } from '../libs/access/src';
import { EditorialService, WorkflowAction } from '../libs/editorial/src';
import { PushPlacement, SyndicationService } from '../libs/federation/src';
import { systemContext } from '../libs/platform/src';
import { RoyaltyProfileService, StatementService } from '../libs/royalties/src';
import { GqlResponse, SMALL_TREES, TestApp, startTestApp } from './support/test-app';
import { portalBytes } from './support/cli';
import { Cast, TO_LIVE, advance, startSeededApp } from './support/fixtures';
import { dataOf } from './support/gql';

/**
 * Royalties, "Must show": grading at approval inside and outside the profile's ranges; a statement
 * across a change of base salary; syndicated and reposted items at the profile's factor; lock and
 * adjustment; the budget warning; confidential payment details; the payment sheet read back. Every
 * amount is worked out by hand in the comments next to it.
 */

const HCM = 'hochiminhcity.gov.vn';
const SAIGON = 'saigon.hochiminhcity.gov.vn';
const KG = 'kiengiang.gov.vn';
const RG = 'rachgia.kiengiang.gov.vn';
const CT = 'chauthanh.kiengiang.gov.vn';

const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on ContentItem { id } ... on InputError { errorCode field } } }`;
const GRADE = `mutation($i: GradeItemInput!) { gradeItem(input: $i) { __typename
  ... on RoyaltyGrade { id genre coefficient photoCount photoCoefficient reposted authors { accountId collaboratorId share } }
  ... on InputError { errorCode field message messageVi messageEn } } }`;
const STATEMENT = `__typename ... on RoyaltyStatement { id month state total profileKey
  lines { lineNo kind payeeName genre genreNameVi genreNameEn coefficient factorPercent levelPercent sharePercent unitValue dated amount itemId }
  budget { year budget usedBefore thisMonth left exceeded } warnings { code message } }
  ... on InputError { errorCode field message }`;
const DRAFT = `mutation($t: ID!, $m: String!) { draftRoyaltyStatement(tenantId: $t, month: $m) { ${STATEMENT} } }`;
const STEP = (name: string) => `mutation($s: ID!) { ${name}(statementId: $s) { ${STATEMENT} } }`;
const FILE = `query($s: ID!, $f: RoyaltySheetFormat!) { royaltyStatementFile(statementId: $s, format: $f) { fileName contentType base64 } }`;
const DETAILS = `query($id: ID!) { collaboratorPaymentDetails(id: $id) { id realName bankAccount bankName idNumber } }`;

// A profile for this test only: the Ninh Thuận table plus a remuneration line for the board head
// (the shipped profiles carry only rules that cite their article).
const FIXTURE = `apiVersion: portal/v1
kind: RoyaltyProfile
key: e2e-remuneration
extends: ninhthuan-23-2020
nameVi: Hồ sơ kiểm thử có thù lao
document: Hồ sơ kiểm thử
remuneration:
  - role: BOARD_HEAD
    nameVi: Thù lao Trưởng Ban Biên tập
    coefficient: 2.0
    article: hồ sơ kiểm thử
`;

type Line = {
  lineNo: number;
  kind: string;
  payeeName: string;
  genre: string | null;
  genreNameVi: string | null;
  genreNameEn: string | null;
  coefficient: string;
  factorPercent: string;
  levelPercent: string;
  sharePercent: string;
  unitValue: string;
  dated: string;
  amount: string;
  itemId: string | null;
};
type Statement = {
  __typename: string;
  id: string;
  month: string;
  state: string;
  total: string;
  lines: Line[];
  budget: {
    budget: string | null;
    usedBefore: string;
    thisMonth: string;
    left: string | null;
    exceeded: boolean;
  };
  warnings: Array<{ code: string; message: string }>;
  errorCode?: string;
  field?: string;
};

const vn = (local: string) => new Date(`${local}+07:00`);

describe('royalties: grades, statements, payment sheets', () => {
  let t: TestApp;
  let db: Client;
  const cast = new Cast(() => t);
  const { tokens, accounts } = cast;
  let collaboratorId = '';
  let tenantsDir = '';

  const { grant } = cast;
  const gql = <T = any>(
    host: string,
    who: string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ) => t.gql<T>(host, query, variables, who ? { token: tokens[who] } : {});

  /** An item written by `writer` and taken to `until` by the system. */
  const item = async (
    host: string,
    writer: string,
    title: string,
    until: WorkflowAction[],
  ): Promise<string> => {
    const res = dataOf(
      await gql<{ createContent: { __typename: string; id: string } }>(host, writer, CREATE, {
        i: {
          tenantId: t.tenant(host).id,
          kind: 'NEWS',
          title,
          bodyHtml: '<p>Nội dung.</p>',
          authorName: 'Tác giả',
          source: 'Cổng',
          fields: {},
        },
      }),
    ).createContent;
    expect(res.__typename).toBe('ContentItem');
    await advance(t, res.id, until);
    return res.id;
  };
  const publishedOn = (id: string, at: Date) =>
    db.query('UPDATE content_items SET published_at = $2 WHERE id = $1', [id, at]);
  const grade = async (host: string, who: string, input: Record<string, unknown>) =>
    dataOf(await gql<{ gradeItem: Record<string, any> }>(host, who, GRADE, { i: input })).gradeItem;
  const draft = async (host: string, who: string, tenantHost: string, month: string) =>
    dataOf(
      await gql<{ draftRoyaltyStatement: Statement }>(host, who, DRAFT, {
        t: t.tenant(tenantHost).id,
        m: month,
      }),
    ).draftRoyaltyStatement;
  const step = async (host: string, who: string, name: string, id: string) =>
    dataOf(await gql<Record<string, Statement>>(host, who, STEP(name), { s: id }))[name];

  beforeAll(async () => {
    // The shipped tenants folder plus this test's profile.
    tenantsDir = mkdtempSync(join(tmpdir(), 'portal-royalties-tenants-'));
    cpSync(join(__dirname, '..', 'tenants'), tenantsDir, { recursive: true });
    writeFileSync(join(tenantsDir, 'royalties', 'zz-e2e-remuneration.yaml'), FIXTURE);
    ({ t, db } = await startSeededApp({ tenantsDir }));

    await grant('head-kg', Role.BOARD_HEAD, KG);
    await grant('writer-kg', Role.CONTRIBUTOR, KG);
    await grant('member-kg', Role.BOARD_MEMBER, KG);
    await grant('owner-kg', Role.OWNER, KG);
    await grant('operator-kg', Role.OPERATOR, KG);
    await grant('head-rg', Role.BOARD_HEAD, RG);
    await grant('writer-rg', Role.CONTRIBUTOR, RG);
    await grant('member-ct', Role.BOARD_MEMBER, CT);
    await grant('head-saigon', Role.BOARD_HEAD, SAIGON);
    await grant('writer-saigon', Role.CONTRIBUTOR, SAIGON);
    // Everyone has held their role since before the periods of the story.
    await db.query(`UPDATE role_assignments SET valid_from = '2024-01-01T00:00:00+07:00'`);

    // Kiên Giang follows the Ninh Thuận table (with a remuneration line); Rạch Giá inherits it,
    // as a lower-level portal paid 20 %. Hồ Chí Minh City keeps the national default.
    const assigned = await gql(
      KG,
      'operator-kg',
      `mutation($t: ID!) { assignRoyaltyProfile(tenantId: $t, profileKey: "e2e-remuneration") { __typename ... on RoyaltyProfileAssignment { profileKey levelPercent } ... on InputError { errorCode } } }`,
      { t: t.tenant(KG).id },
    );
    expect(dataOf(assigned).assignRoyaltyProfile).toEqual({
      __typename: 'RoyaltyProfileAssignment',
      profileKey: 'e2e-remuneration',
      levelPercent: '100.00',
    });
    const rg = await t.app.get(RoyaltyProfileService).effective(t.tenant(RG).id);
    expect([rg.profile.key, rg.levelBp, rg.repostBp]).toEqual(['e2e-remuneration', 2000, 5000]);

    const created = dataOf(
      await gql(
        KG,
        'operator-kg',
        `mutation($i: CollaboratorInput!) { createCollaborator(input: $i) { __typename ... on Collaborator { id penName } ... on InputError { errorCode field } } }`,
        {
          i: {
            tenantId: t.tenant(KG).id,
            penName: 'Hoài Thu',
            realName: 'Nguyễn Thị Thu',
            idNumber: '091234567890',
            bankAccount: '7001234567',
            bankName: 'Agribank Kiên Giang',
          },
        },
      ),
    ).createCollaborator;
    expect(created.__typename).toBe('Collaborator');
    collaboratorId = created.id;
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  describe('grading at approval', () => {
    let itemId = '';
    beforeAll(async () => {
      itemId = await item(KG, 'writer-kg', 'Bình luận về chuyển đổi số', [
        WorkflowAction.SUBMIT,
        WorkflowAction.TAKE_FOR_REVIEW,
      ]);
    });

    it('is refused before the item is approved', async () => {
      const r = await grade(KG, 'head-kg', {
        itemId,
        genre: 'COMMENTARY',
        coefficient: '2.5',
        authors: [{ accountId: accounts['writer-kg'], share: '100' }],
      });
      expect([r.errorCode, r.field]).toEqual(['NOT_APPROVED', 'itemId']);
    });

    it('refuses a coefficient outside the genre range, naming the field and the range', async () => {
      await advance(t, itemId, [WorkflowAction.APPROVE]);
      const authors = [{ accountId: accounts['writer-kg'], share: '100' }];
      const high = await grade(KG, 'head-kg', { itemId, genre: 'COMMENTARY', coefficient: '3.5', authors });
      expect([high.__typename, high.errorCode, high.field]).toEqual([
        'InputError',
        'COEFFICIENT_OUT_OF_RANGE',
        'coefficient',
      ]);
      expect(high.messageVi).toContain('từ 2.50 đến 3.00');
      expect(high.messageEn).toContain('between 2.50 and 3.00');
      const low = await grade(KG, 'head-kg', { itemId, genre: 'COMMENTARY', coefficient: '2,49', authors });
      expect([low.errorCode, low.field]).toEqual(['COEFFICIENT_OUT_OF_RANGE', 'coefficient']);
      const genre = await grade(KG, 'head-kg', { itemId, genre: 'POEM', coefficient: '1', authors });
      expect([genre.errorCode, genre.field]).toEqual(['UNKNOWN_GENRE', 'genre']);
      const photo = await grade(KG, 'head-kg', {
        itemId,
        genre: 'COMMENTARY',
        coefficient: '3',
        photoCount: 1,
        photoCoefficient: '2',
        authors,
      });
      expect([photo.errorCode, photo.field]).toEqual(['COEFFICIENT_OUT_OF_RANGE', 'photoCoefficient']);
      const decimals = await grade(KG, 'head-kg', {
        itemId,
        genre: 'COMMENTARY',
        coefficient: '2.755',
        authors,
      });
      expect([decimals.errorCode, decimals.field]).toEqual(['INVALID_NUMBER', 'coefficient']);
      const shares = await grade(KG, 'head-kg', {
        itemId,
        genre: 'COMMENTARY',
        coefficient: '3',
        authors: [{ accountId: accounts['writer-kg'], share: '60' }],
      });
      expect([shares.errorCode, shares.field]).toEqual(['SHARES_NOT_100', 'authors']);
      // Nothing of the refused attempts was written.
      const { rows } = await db.query('SELECT count(*)::int AS n FROM royalty_grades WHERE item_id = $1', [
        itemId,
      ]);
      expect(rows[0].n).toBe(0);
    });

    it('accepts a coefficient inside the range, and a later change supersedes it, audited', async () => {
      const authors = [{ accountId: accounts['writer-kg'], share: '100' }];
      const ok = await grade(KG, 'head-kg', { itemId, genre: 'COMMENTARY', coefficient: '2.75', authors });
      expect(ok).toMatchObject({ __typename: 'RoyaltyGrade', genre: 'COMMENTARY', coefficient: '2.75' });
      const again = await grade(KG, 'head-kg', { itemId, genre: 'COMMENTARY', coefficient: '3', authors });
      expect(again.coefficient).toBe('3.00');
      const { rows } = await db.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE superseded_at IS NULL)::int AS current FROM royalty_grades WHERE item_id = $1`,
        [itemId],
      );
      expect(rows[0]).toEqual({ n: 2, current: 1 });
      const audit = await db.query(
        `SELECT action, before->>'coefficient' AS b, after->>'coefficient' AS a FROM audit_log WHERE subject_id = $1 AND action LIKE 'royalty.%' ORDER BY id`,
        [itemId],
      );
      expect(audit.rows).toEqual([
        { action: 'royalty.graded', b: null, a: '2.75' },
        { action: 'royalty.regraded', b: '2.75', a: '3.00' },
      ]);
    });

    it('the deputy grades only while the head has delegated approval', async () => {
      await grant('deputy-kg', Role.BOARD_DEPUTY, KG);
      const input = {
        itemId,
        genre: 'COMMENTARY',
        coefficient: '2.5',
        authors: [{ accountId: accounts['writer-kg'], share: '100' }],
      };
      const before = await gql(KG, 'deputy-kg', GRADE, { i: input });
      expect(before.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const delegated = await gql(
        KG,
        'head-kg',
        `mutation($i: DelegateApprovalInput!) { delegateApproval(input: $i) { __typename ... on InputError { errorCode field } } }`,
        {
          i: {
            tenantId: t.tenant(KG).id,
            deputyAccountId: accounts['deputy-kg'],
            validFrom: new Date(Date.now() - 60_000).toISOString(),
            validTo: new Date(Date.now() + 3_600_000).toISOString(),
          },
        },
      );
      expect(dataOf(delegated).delegateApproval.__typename).toBe('ApprovalDelegation');
      const after = await grade(KG, 'deputy-kg', input);
      expect(after).toMatchObject({ __typename: 'RoyaltyGrade', coefficient: '2.50' });
      // Back to the head's grade for the rest of the story.
      expect((await grade(KG, 'head-kg', { ...input, coefficient: '3' })).coefficient).toBe('3.00');
    });

    it('only who may approve the item grades it: not a contributor, a member, or another portal’s head', async () => {
      const input = {
        itemId,
        genre: 'COMMENTARY',
        coefficient: '3',
        authors: [{ accountId: accounts['writer-kg'], share: '100' }],
      };
      for (const who of ['writer-kg', 'member-kg']) {
        const res = await gql(KG, who, GRADE, { i: input });
        expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const foreign = await gql(RG, 'head-rg', GRADE, { i: input });
      expect(foreign.body.errors?.[0]?.extensions?.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
      const anonymous = await gql(KG, null, GRADE, { i: input });
      expect(anonymous.body.errors?.[0]?.extensions?.code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
    });
  });

  it('a statement across a change of base salary pays each item at the value in force on its day', async () => {
    // Decree 73/2024/NĐ-CP: 2,340,000 đ from 1 July 2024 (1,800,000 đ before, Decree 24/2023/NĐ-CP).
    const june = await item(SAIGON, 'writer-saigon', 'Tin cuối tháng Sáu', TO_LIVE);
    const july = await item(SAIGON, 'writer-saigon', 'Tin đầu tháng Bảy', TO_LIVE);
    await publishedOn(june, vn('2024-06-28T09:00:00'));
    await publishedOn(july, vn('2024-07-02T09:00:00'));
    const authors = [{ accountId: accounts['writer-saigon'], share: '100' }];
    expect(
      (await grade(SAIGON, 'head-saigon', { itemId: june, genre: 'NEWS', coefficient: '10', authors }))
        .__typename,
    ).toBe('RoyaltyGrade');
    expect(
      (await grade(SAIGON, 'head-saigon', { itemId: july, genre: 'NEWS', coefficient: '10', authors }))
        .__typename,
    ).toBe('RoyaltyGrade');
    // The June item was graded late, in July: it goes on July's statement at June's value.
    await db.query(`UPDATE royalty_grades SET graded_at = $2 WHERE item_id = $1`, [
      june,
      vn('2024-07-10T10:00:00'),
    ]);
    await db.query(`UPDATE royalty_grades SET graded_at = $2 WHERE item_id = $1`, [
      july,
      vn('2024-07-03T10:00:00'),
    ]);
    await grant('operator-saigon', Role.OPERATOR, SAIGON);
    const s = await draft(SAIGON, 'operator-saigon', SAIGON, '2024-07');
    expect(s.__typename).toBe('RoyaltyStatement');
    const byItem = (id: string) => s.lines.find((l) => l.itemId === id)!;
    // 10 × 10 % × 1,800,000 = 1,800,000 đ; 10 × 10 % × 2,340,000 = 2,340,000 đ.
    expect(byItem(june)).toMatchObject({
      dated: '2024-06-28',
      unitValue: '180000',
      coefficient: '10.00',
      amount: '1800000',
    });
    expect(byItem(july)).toMatchObject({
      dated: '2024-07-02',
      unitValue: '234000',
      coefficient: '10.00',
      amount: '2340000',
    });
    expect(s.total).toBe('4140000');
    expect(s.warnings.map((w) => w.code)).toEqual(['NO_BUDGET']);
  });

  describe('Kiên Giang, November 2026: reposts, syndicated copies, remuneration, budget, lock', () => {
    let repost = '';
    let rgItem = '';
    let november: Statement;

    beforeAll(async () => {
      // Rạch Giá's own news with two photos, shown on the province's portal.
      rgItem = await item(RG, 'writer-rg', 'Tin Rạch Giá có ảnh', TO_LIVE);
      await publishedOn(rgItem, vn('2026-11-05T08:00:00'));
      const g1 = await grade(RG, 'head-rg', {
        itemId: rgItem,
        genre: 'NEWS_WITH_PHOTO',
        coefficient: '1.5',
        photoCount: 2,
        photoCoefficient: '1.2',
        authors: [{ accountId: accounts['writer-rg'], share: '100' }],
      });
      expect(g1).toMatchObject({ __typename: 'RoyaltyGrade', photoCount: 2, photoCoefficient: '1.20' });
      const synd = t.app.get(SyndicationService);
      const proposed = await synd.propose(systemContext('test'), rgItem, t.tenant(KG).id);
      if (!proposed.ok) throw new Error(proposed.error.code);
      const accepted = await synd.accept(systemContext('test'), proposed.value.id, {});
      if (!accepted.ok) throw new Error(accepted.error.code);
      await db.query('UPDATE syndications SET placed_at = $2, decided_at = $2 WHERE id = $1', [
        proposed.value.id,
        vn('2026-11-06T09:00:00'),
      ]);

      // The province reposts an item, written half by its writer, half by a collaborator.
      repost = await item(KG, 'writer-kg', 'Tin đăng lại', TO_LIVE);
      await publishedOn(repost, vn('2026-11-10T08:00:00'));
      const g2 = await grade(KG, 'head-kg', {
        itemId: repost,
        genre: 'NEWS',
        coefficient: '1',
        reposted: true,
        authors: [
          { accountId: accounts['writer-kg'], share: '50' },
          { collaboratorId, share: '50' },
        ],
      });
      expect(g2).toMatchObject({ __typename: 'RoyaltyGrade', reposted: true });
      const budget = await gql(
        KG,
        'operator-kg',
        `mutation($t: ID!) { setRoyaltyBudget(tenantId: $t, year: 2026, amount: "1000000") { __typename ... on RoyaltyBudget { amount } ... on InputError { errorCode } } }`,
        { t: t.tenant(KG).id },
      );
      expect(dataOf(budget).setRoyaltyBudget).toEqual({ __typename: 'RoyaltyBudget', amount: '1000000' });
    });

    it('pays reposted and syndicated items at the factor, lower-level portals their share', async () => {
      november = await draft(KG, 'operator-kg', KG, '2026-11');
      expect(november.__typename).toBe('RoyaltyStatement');
      const lines = november.lines.map((l) => [
        l.kind,
        l.payeeName,
        l.coefficient,
        l.factorPercent,
        l.levelPercent,
        l.sharePercent,
        l.amount,
      ]);
      expect(lines).toEqual([
        // Repost: 1.0 × 234,000 × 50 % = 117,000, halved between the two authors.
        ['ROYALTY', 'writer-kg', '1.00', '50.00', '100.00', '50.00', '58500'],
        ['ROYALTY', 'Nguyễn Thị Thu (bút danh Hoài Thu)', '1.00', '50.00', '100.00', '50.00', '58500'],
        // The copy from Rạch Giá: (1.5 + 2 × 1.2) × 234,000 × 50 % = 456,300, once.
        ['SYNDICATED', 'writer-rg', '3.90', '50.00', '100.00', '100.00', '456300'],
        // The head's remuneration: 2.0 × 234,000 = 468,000.
        ['REMUNERATION', 'head-kg', '2.00', '100.00', '100.00', '100.00', '468000'],
      ]);
      // 58,500 + 58,500 + 456,300 + 468,000
      expect(november.total).toBe('1041300');
      // Each genre by its name in the profile the statement was computed under, Vietnamese and English.
      expect(november.lines.map((l) => [l.genre, l.genreNameVi, l.genreNameEn])).toEqual([
        ['NEWS', 'Tin không có ảnh', 'News without a photo'],
        ['NEWS', 'Tin không có ảnh', 'News without a photo'],
        ['NEWS_WITH_PHOTO', 'Tin có ảnh', 'News with a photo'],
        [null, null, null],
      ]);

      // Rạch Giá, a lower-level portal: (1.5 + 2.4) × 234,000 × 20 % = 182,520, plus its head's 468,000.
      const rg = await draft(RG, 'head-rg', RG, '2026-11');
      expect(rg.lines.map((l) => [l.kind, l.levelPercent, l.amount])).toEqual([
        ['ROYALTY', '20.00', '182520'],
        ['REMUNERATION', '100.00', '468000'],
      ]);
      expect(rg.total).toBe('650520');
    });

    it('warns when the month would exceed the yearly budget', () => {
      expect(november.budget).toEqual({
        year: 2026,
        budget: '1000000',
        usedBefore: '0',
        thisMonth: '1041300',
        left: '-41300',
        exceeded: true,
      });
      // The Ninh Thuận table has not been checked against the published decision: every statement says so.
      expect(november.warnings.map((w) => w.code)).toEqual(['BUDGET_EXCEEDED', 'PROFILE_UNVERIFIED']);
      expect(november.warnings[0].message).toContain('1.041.300');
      expect(november.warnings[1].message).toContain('chưa được đối chiếu với văn bản gốc');
    });

    it('is checked by the head, approved by the owner, locked by the operator, in that order only', async () => {
      const early = await step(KG, 'owner-kg', 'approveRoyaltyStatement', november.id);
      expect([early.errorCode, early.field]).toEqual(['INVALID_STATEMENT_STATE', 'statementId']);
      const byOperator = await gql(KG, 'operator-kg', STEP('checkRoyaltyStatement'), { s: november.id });
      expect(byOperator.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await step(KG, 'head-kg', 'checkRoyaltyStatement', november.id)).state).toBe('CHECKED');
      const byHead = await gql(KG, 'head-kg', STEP('approveRoyaltyStatement'), { s: november.id });
      expect(byHead.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await step(KG, 'owner-kg', 'approveRoyaltyStatement', november.id)).state).toBe('APPROVED');
      const locked = await step(KG, 'operator-kg', 'lockRoyaltyStatement', november.id);
      expect(locked.state).toBe('LOCKED');
      const redraft = await draft(KG, 'operator-kg', KG, '2026-11');
      expect([redraft.errorCode, redraft.field]).toEqual(['INVALID_STATEMENT_STATE', 'statementId']);
    });

    it('a correction after the lock is an adjustment line of the next statement, never an edit', async () => {
      // Re-graded as in-depth news, 2.0: 2.0 × 234,000 × 50 % = 234,000, i.e. 117,000 each: +58,500 each.
      const regraded = await grade(KG, 'head-kg', {
        itemId: repost,
        genre: 'IN_DEPTH_NEWS',
        coefficient: '2',
        reposted: true,
        authors: [
          { accountId: accounts['writer-kg'], share: '50' },
          { collaboratorId, share: '50' },
        ],
      });
      expect(regraded.__typename).toBe('RoyaltyGrade');
      await db.query(
        `UPDATE royalty_grades SET graded_at = $2 WHERE item_id = $1 AND superseded_at IS NULL`,
        [repost, vn('2026-12-02T10:00:00')],
      );
      const after = dataOf(
        await gql<{ royaltyStatement: Statement }>(
          KG,
          'owner-kg',
          `query($t: ID!) { royaltyStatement(tenantId: $t, month: "2026-11") { id state total lines { amount } } }`,
          { t: t.tenant(KG).id },
        ),
      ).royaltyStatement;
      expect([after.state, after.total, after.lines.map((l) => l.amount)]).toEqual([
        'LOCKED',
        '1041300',
        ['58500', '58500', '456300', '468000'],
      ]);
      const december = await draft(KG, 'operator-kg', KG, '2026-12');
      expect(december.lines.map((l) => [l.kind, l.payeeName, l.amount])).toEqual([
        ['ADJUSTMENT', 'writer-kg', '58500'],
        ['ADJUSTMENT', 'Nguyễn Thị Thu (bút danh Hoài Thu)', '58500'],
        ['REMUNERATION', 'head-kg', '468000'],
      ]);
      // The syndicated copy is not paid a second time; the budget counts November's 1,041,300.
      expect(december.total).toBe('585000');
      expect(december.budget).toMatchObject({ usedBefore: '1041300', left: '-626300', exceeded: true });
    });

    it('the payment sheet reads back from XLSX and CSV with the portal, period, lines, total and signatures', async () => {
      const file = dataOf(
        await gql(KG, 'operator-kg', FILE, { s: november.id, f: 'XLSX' }),
      ).royaltyStatementFile;
      expect(file.fileName).toBe('bang-ke-nhuan-but-kiengiang.gov.vn-2026-11.xlsx');
      const book = XLSX.read(Buffer.from(file.base64, 'base64'), { type: 'buffer' });
      const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], {
        header: 1,
        raw: true,
        blankrows: true,
      });
      expect(rows[0][0]).toBe('TỈNH KIÊN GIANG');
      expect(rows[2][0]).toContain('BẢNG KÊ CHI TRẢ NHUẬN BÚT');
      expect(rows[3][0]).toContain('Tháng 11 năm 2026');
      expect(rows[4][0]).toContain('CHƯA ĐỐI CHIẾU VĂN BẢN GỐC');
      expect(rows[7][1]).toBe('Họ và tên người nhận');
      const data = rows.slice(8, 12);
      expect(data.map((r) => [r[1], r[9], r[10]])).toEqual(
        [
          ['writer-kg', 58500, null],
          ['Nguyễn Thị Thu (bút danh Hoài Thu)', 58500, '7001234567'],
          ['writer-rg', 456300, null],
          ['head-kg', 468000, null],
        ].map(([a, b, c]) => [a, b, c ?? undefined]),
      );
      // The genre column names the genre as the profile does, not by its key.
      expect(rows[7][4]).toBe('Thể loại');
      expect(data.map((r) => r[4])).toEqual([
        'Tin không có ảnh',
        'Tin không có ảnh',
        'Tin có ảnh',
        undefined,
      ]);
      expect(rows.flat()).not.toContain('NEWS_WITH_PHOTO');
      expect(rows[12][0]).toBe('Tổng cộng / Total');
      expect(rows[12][9]).toBe(1041300);
      const signatures = rows
        .slice(13)
        .flat()
        .filter((c) => typeof c === 'string');
      expect(signatures).toEqual(
        expect.arrayContaining([
          'NGƯỜI LẬP BIỂU',
          'TRƯỞNG BAN BIÊN TẬP',
          'THỦ TRƯỞNG CƠ QUAN CHỦ QUẢN',
          'operator-kg',
          'head-kg',
          'owner-kg',
        ]),
      );

      const csv = dataOf(await gql(KG, 'head-kg', FILE, { s: november.id, f: 'CSV' })).royaltyStatementFile;
      const parsed: string[][] = parseCsv(Buffer.from(csv.base64, 'base64').toString('utf8'), {
        bom: true,
        relax_column_count: true,
      });
      expect(parsed[12][9]).toBe('1041300');
      // The CSV names the genre too, and keeps its key in a last column for machines.
      expect(parsed[7][13]).toBe('Mã thể loại / Genre key');
      expect(parsed.slice(8, 12).map((r) => [r[4], r[13]])).toEqual([
        ['Tin không có ảnh', 'NEWS'],
        ['Tin không có ảnh', 'NEWS'],
        ['Tin có ảnh', 'NEWS_WITH_PHOTO'],
        ['', ''],
      ]);
      // The board head reads the sheet but not the collaborator's bank details.
      expect(parsed[9][10]).toBe('(bảo mật)');
      expect(csv.base64).not.toContain(Buffer.from('7001234567').toString('base64'));
      expect(Buffer.from(csv.base64, 'base64').toString('utf8')).not.toContain('7001234567');
    });
  });

  it('writes the payment sheet from the command line: `portal royalties statement <portal> --month`', async () => {
    const env = { DATABASE_URL: t.databaseUrl, TENANTS_DIR: tenantsDir };
    // Rạch Giá's November statement is still a draft: drafted again from the grades, then written.
    const csv = await portalBytes(
      ['royalties', 'statement', RG, '--month', '2026-11', '--format', 'csv', '--out', '-'],
      env,
    );
    expect(csv.code).toBe(0);
    expect([...csv.stdout.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records: string[][] = parseCsv(csv.stdout.toString('utf8'), {
      bom: true,
      relax_column_count: true,
    });
    expect(records.find((r) => r[0] === 'Tổng cộng / Total')?.[9]).toBe('650520');
    // The genre by its name in the profile, its key in the last column.
    expect(records.filter((r) => r[2] === 'Nhuận bút').map((r) => [r[4], r[9], r[13]])).toEqual([
      ['Tin có ảnh', '182520', 'NEWS_WITH_PHOTO'],
    ]);
    expect(csv.stderr).toContain('DRAFTED, 2 lines, total 650520');
    // Kiên Giang's is locked: written as it stands.
    const out = join(mkdtempSync(join(tmpdir(), 'portal-royalties-')), 'kg.xlsx');
    const xlsx = await portalBytes(['royalties', 'statement', KG, '--month', '2026-11', '--out', out], env);
    expect(xlsx.code).toBe(0);
    expect(xlsx.stderr).toContain('LOCKED, 4 lines, total 1041300');
    const book = XLSX.read(readFileSync(out), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], {
      header: 1,
      raw: true,
    });
    expect(rows.find((r) => r[0] === 'Tổng cộng / Total')?.[9]).toBe(1041300);
    // The whole province in one pass: Kiên Giang's locked statement is left as it is.
    const subtree = await portalBytes(
      ['royalties', 'statement', KG, '--month', '2026-11', '--subtree', '--out', '-'],
      env,
    );
    expect(subtree.code).toBe(0);
    expect(subtree.stderr).toContain(
      '5 statements drafted, 1 past their draft left as they are, 2 lines, total 650520 đ',
    );
    expect(subtree.stderr).toContain('LOCKED, 4 lines, total 1041300');
    const bad = await portalBytes(['royalties', 'statement', KG, '--month', '2026-13'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('month');
  });

  describe('confidential payment details', () => {
    it('the operator unit and the owner read them', async () => {
      for (const who of ['operator-kg', 'owner-kg']) {
        const res = dataOf(await gql(KG, who, DETAILS, { id: collaboratorId }));
        expect(res.collaboratorPaymentDetails).toMatchObject({
          bankAccount: '7001234567',
          idNumber: '091234567890',
        });
      }
    });

    it('a board member of another portal, a contributor, a board member and anonymous are refused', async () => {
      const attempts: Array<[string, string | null]> = [
        [CT, 'member-ct'],
        [KG, 'member-ct'],
        [KG, 'writer-kg'],
        [KG, 'member-kg'],
        [KG, 'head-kg'],
        [KG, null],
        [HCM, null],
      ];
      for (const [host, who] of attempts) {
        const res = await gql(host, who, DETAILS, { id: collaboratorId });
        expect({ who, host, data: res.body.data?.collaboratorPaymentDetails ?? null }).toEqual({
          who,
          host,
          data: null,
        });
        expect(res.body.errors?.[0]?.extensions?.code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN|NOT_FOUND)$/);
        expect(res.text).not.toContain('7001234567');
      }
      // Nor through the statement or its sheet of another portal.
      const other = await gql(CT, 'member-ct', FILE, {
        s: (
          await db.query(`SELECT id FROM royalty_statements WHERE month = '2026-11' AND tenant_id = $1`, [
            t.tenant(KG).id,
          ])
        ).rows[0].id,
        f: 'CSV',
      });
      expect(other.body.errors?.[0]?.extensions?.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    });
  });

  it('the collaborator registry: the board reads who is registered, by name only; contributors and other portals do not', async () => {
    const LIST = `query($t: ID!) { collaborators(tenantId: $t) { id tenantId penName realName accountId } }`;
    for (const who of ['member-kg', 'head-kg', 'operator-kg']) {
      const res = await gql(KG, who, LIST, { t: t.tenant(KG).id });
      expect(dataOf(res).collaborators).toEqual([
        {
          id: collaboratorId,
          tenantId: t.tenant(KG).id,
          penName: 'Hoài Thu',
          realName: 'Nguyễn Thị Thu',
          accountId: null,
        },
      ]);
      // Names only: the identity and payment details stay with collaboratorPaymentDetails.
      expect(res.text).not.toContain('7001234567');
      expect(res.text).not.toContain('091234567890');
    }
    // Their articles and royalties: the repost they wrote half of, re-graded as in-depth news; paid
    // 58,500 on November's locked statement and 58,500 more as December's adjustment.
    const RECORD = `query($t: ID!) { collaborators(tenantId: $t) { penName
      items { title genre genreNameVi sharePercent notPaidReason }
      payments { month state kind title genreNameVi amount } } }`;
    const record = dataOf(await gql(KG, 'head-kg', RECORD, { t: t.tenant(KG).id })).collaborators;
    expect(record).toEqual([
      {
        penName: 'Hoài Thu',
        items: [
          {
            title: 'Tin đăng lại',
            genre: 'IN_DEPTH_NEWS',
            genreNameVi: 'Tin chuyên sâu',
            sharePercent: '50.00',
            notPaidReason: null,
          },
        ],
        payments: [
          expect.objectContaining({
            month: '2026-12',
            state: 'DRAFTED',
            kind: 'ADJUSTMENT',
            amount: '58500',
          }),
          {
            month: '2026-11',
            state: 'LOCKED',
            kind: 'ROYALTY',
            title: 'Tin đăng lại',
            genreNameVi: 'Tin không có ảnh',
            amount: '58500',
          },
        ],
      },
    ]);
    // A board member reads the registry and the grades, not the statements.
    const member = dataOf(await gql(KG, 'member-kg', RECORD, { t: t.tenant(KG).id })).collaborators;
    expect(member.map((c: Record<string, unknown[] | null>) => [c.items?.length, c.payments])).toEqual([
      [1, null],
    ]);
    // A registration needs a pen name and a real name, refused on the field, nothing written.
    const refused = dataOf(
      await gql(
        KG,
        'head-kg',
        `mutation($i: CollaboratorInput!) { createCollaborator(input: $i) { __typename ... on InputError { errorCode field } } }`,
        { i: { tenantId: t.tenant(KG).id, penName: '  ', realName: 'Lê Văn Tám' } },
      ),
    ).createCollaborator;
    expect(refused).toEqual({ __typename: 'InputError', errorCode: 'PEN_NAME_REQUIRED', field: 'penName' });
    // A contributor may not read or register; another portal's board finds nobody; anonymous is refused.
    for (const [host, who] of [
      [KG, 'writer-kg'],
      [KG, null],
    ] as Array<[string, string | null]>) {
      const res = await gql(host, who, LIST, { t: t.tenant(KG).id });
      expect(res.body.data?.collaborators ?? null).toBeNull();
      expect(res.body.errors?.[0]?.extensions?.code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
    }
    const foreign = await gql(CT, 'member-ct', LIST, { t: t.tenant(KG).id });
    expect(foreign.body.data?.collaborators ?? []).toEqual([]);
    expect(foreign.text).not.toContain('Nguyễn Thị Thu');
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM royalty_collaborators WHERE real_name = 'Lê Văn Tám'`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('the managing agency sees the month of its subtree in one summary', async () => {
    await grant('manager-kg', Role.MANAGER, KG, RoleScope.SUBTREE);
    const res = dataOf(
      await gql(
        KG,
        'manager-kg',
        `query($t: ID!) { royaltySubtreeSummary(tenantId: $t, month: "2026-11") { portal { host } state total royalties remuneration } }`,
        { t: t.tenant(KG).id },
      ),
    ).royaltySubtreeSummary as Array<{ portal: { host: string }; state: string | null; total: string }>;
    const byHost = Object.fromEntries(res.map((r) => [r.portal.host, [r.state, r.total]]));
    expect(byHost[KG]).toEqual(['LOCKED', '1041300']);
    expect(byHost[RG]).toEqual(['DRAFTED', '650520']);
    expect(res.length).toBeGreaterThanOrEqual(5);
    // Royalties per unit and period, from the stored statements.
    const report = dataOf(
      await gql(
        KG,
        'manager-kg',
        `query($t: ID!) { royaltyReport(tenantId: $t, period: "2026", subtree: true) { portal { host } month state payees royalties syndicated remuneration adjustments total } }`,
        { t: t.tenant(KG).id },
      ),
    ).royaltyReport as Array<Record<string, unknown>>;
    // The command line drafted the province's other (empty) November statements too.
    expect(report.filter((r) => r.total === '0').length).toBe(4);
    expect(
      report
        .filter((r) => r.total !== '0')
        .map((r) => [
          (r.portal as { host: string }).host,
          r.month,
          r.state,
          r.royalties,
          r.syndicated,
          r.remuneration,
          r.adjustments,
          r.total,
        ]),
    ).toEqual([
      [KG, '2026-11', 'LOCKED', '117000', '456300', '468000', '0', '1041300'],
      [KG, '2026-12', 'DRAFTED', '0', '0', '468000', '117000', '585000'],
      [RG, '2026-11', 'DRAFTED', '182520', '0', '468000', '0', '650520'],
    ]);
    const badPeriod = await gql(
      KG,
      'manager-kg',
      `query($t: ID!) { royaltyReport(tenantId: $t, period: "2026-H3") { total } }`,
      { t: t.tenant(KG).id },
    );
    expect(badPeriod.body.errors?.[0]?.extensions?.code).toBe('INVALID_PERIOD');
    const refused = await gql(
      KG,
      'head-rg',
      `query($t: ID!) { royaltySubtreeSummary(tenantId: $t, month: "2026-11") { total } }`,
      { t: t.tenant(KG).id },
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
  it('a merge carries the grades and collaborators to the target; statements stay, nothing is paid twice', async () => {
    const BENTHANH = 'benthanh.hochiminhcity.gov.vn';
    await grant('city-operator', Role.OPERATOR, HCM, RoleScope.SUBTREE);
    const input = { sourceIds: [t.tenant(SAIGON).id], targetId: t.tenant(BENTHANH).id };
    const preview = dataOf(
      await gql(
        HCM,
        'city-operator',
        `query($input: MergeInput!) { mergePreview(input: $input) { __typename ... on MergePreview {
          participants { participant counts { name value } }
          plan { categoryMapping { sourceCategoryId targetCategoryId } roleMapping { assignmentId action } } }
          ... on InputError { errorCode field } } }`,
        { input },
      ),
    ).mergePreview;
    expect(preview.__typename).toBe('MergePreview');
    const counts = Object.fromEntries(
      preview.participants
        .find((p: { participant: string }) => p.participant === 'royalties')
        .counts.map((c: { name: string; value: number }) => [c.name, c.value]),
    );
    expect(counts).toMatchObject({ grades: 2, gradeAuthors: 2, statementsLeft: 1, statementLinesLeft: 2 });
    const merged = dataOf(
      await gql(
        HCM,
        'city-operator',
        `mutation($input: MergeTenantsInput!) { mergeTenants(input: $input) { __typename ... on Portal { id } ... on InputError { errorCode field messageEn } } }`,
        { input: { ...input, plan: preview.plan } },
      ),
    ).mergeTenants;
    expect(merged.__typename).toBe('Portal');
    const { rows } = await db.query(
      `SELECT g.tenant_id = $1 AS moved FROM royalty_grades g JOIN content_items i ON i.id = g.item_id WHERE i.tenant_id = $1`,
      [t.tenant(BENTHANH).id],
    );
    expect(rows.map((r) => r.moved)).toEqual([true, true]);
    const kept = await db.query(`SELECT tenant_id FROM royalty_statements WHERE month = '2024-07'`);
    expect(kept.rows).toEqual([{ tenant_id: input.sourceIds[0] }]);
    // Already on the merged portal's July statement: not paid again by the target.
    await grant('operator-benthanh', Role.OPERATOR, BENTHANH);
    const again = await draft(BENTHANH, 'operator-benthanh', BENTHANH, '2024-07');
    expect([again.__typename, again.total, again.lines.length]).toEqual(['RoyaltyStatement', '0', 0]);
  });

  describe('pushed down from the province: paid once on each receiving portal, at its factor and share', () => {
    let pushed = '';
    let february: Statement;

    beforeAll(async () => {
      await grant('operator-rg', Role.OPERATOR, RG);
      // The province's directive with a photo, 1.5 points, pushed onto Rạch Giá and Châu Thành.
      pushed = await item(KG, 'writer-kg', 'Chỉ đạo của tỉnh về phòng chống bão', TO_LIVE);
      await publishedOn(pushed, vn('2027-02-03T08:00:00'));
      const g = await grade(KG, 'head-kg', {
        itemId: pushed,
        genre: 'NEWS_WITH_PHOTO',
        coefficient: '1.5',
        authors: [{ accountId: accounts['writer-kg'], share: '100' }],
      });
      expect(g.__typename).toBe('RoyaltyGrade');
      const r = await t.app
        .get(SyndicationService)
        .push(
          systemContext('test'),
          pushed,
          { tenantIds: [t.tenant(RG).id, t.tenant(CT).id] },
          PushPlacement.PINNED,
        );
      if (!r.ok) throw new Error(r.error.code);
      expect(r.value.pushed.length).toBe(2);
      await db.query(`UPDATE syndications SET placed_at = $2, decided_at = $2 WHERE item_id = $1`, [
        pushed,
        vn('2027-02-04T09:00:00'),
      ]);
      // Rạch Giá's budget for 2027: enough for February, not for February and March.
      const budget = await gql(
        RG,
        'operator-rg',
        `mutation($t: ID!) { setRoyaltyBudget(tenantId: $t, year: 2027, amount: "600000") { __typename } }`,
        { t: t.tenant(RG).id },
      );
      expect(dataOf(budget).setRoyaltyBudget.__typename).toBe('RoyaltyBudget');
    });

    it('the province pays its own item in full; each portal below pays its copy at 50 % of its 20 %', async () => {
      const kg = await draft(KG, 'operator-kg', KG, '2027-02');
      // 1.5 × 234,000 = 351,000, as the province's own item.
      expect(
        kg.lines
          .filter((l) => l.itemId === pushed)
          .map((l) => [l.kind, l.payeeName, l.factorPercent, l.levelPercent, l.amount]),
      ).toEqual([['ROYALTY', 'writer-kg', '100.00', '100.00', '351000']]);

      february = await draft(RG, 'head-rg', RG, '2027-02');
      // The copy: 1.5 × 234,000 × 50 % × 20 % = 35,100; the head's remuneration 2.0 × 234,000 = 468,000.
      expect(
        february.lines.map((l) => [
          l.kind,
          l.payeeName,
          l.coefficient,
          l.factorPercent,
          l.levelPercent,
          l.dated,
          l.genreNameVi,
          l.amount,
        ]),
      ).toEqual([
        ['SYNDICATED', 'writer-kg', '1.50', '50.00', '20.00', '2027-02-04', 'Tin có ảnh', '35100'],
        ['REMUNERATION', 'head-rg', '2.00', '100.00', '100.00', '2027-02-28', null, '468000'],
      ]);
      expect(february.total).toBe('503100');
      // Châu Thành, the other portal it was pushed onto: its own copy, once, at the same factor and share.
      const ct = await t.app.get(StatementService).draft(systemContext('test'), t.tenant(CT).id, '2027-02');
      if (!ct.ok) throw new Error(ct.error.code);
      expect(
        ct.value.lines
          .filter((l) => l.itemId === pushed)
          .map((l) => [l.kind, l.factorBp, l.levelBp, l.amount]),
      ).toEqual([['SYNDICATED', 5000, 2000, 35100]]);
    });

    it('inside the yearly budget, no warning: 600,000 − 503,100 leaves 96,900', () => {
      expect(february.budget).toEqual({
        year: 2027,
        budget: '600000',
        usedBefore: '0',
        thisMonth: '503100',
        left: '96900',
        exceeded: false,
      });
      expect(february.warnings.map((w) => w.code)).toEqual(['PROFILE_UNVERIFIED']);
    });

    it('drafting again, or pushing the item again, never pays the copy a second time', async () => {
      const again = await draft(RG, 'head-rg', RG, '2027-02');
      expect(again.lines.filter((l) => l.itemId === pushed).map((l) => l.amount)).toEqual(['35100']);
      // Taken back and pushed again in March: already paid on February's statement.
      const synd = t.app.get(SyndicationService);
      const { rows } = await db.query(
        `SELECT id FROM syndications WHERE item_id = $1 AND target_tenant_id = $2 AND state = 'ACCEPTED'`,
        [pushed, t.tenant(RG).id],
      );
      const retracted = await synd.retract(systemContext('test'), rows[0].id);
      if (!retracted.ok) throw new Error(retracted.error.code);
      const repushed = await synd.push(
        systemContext('test'),
        pushed,
        { tenantIds: [t.tenant(RG).id] },
        PushPlacement.PINNED,
      );
      if (!repushed.ok) throw new Error(repushed.error.code);
      expect(repushed.value.pushed.length).toBe(1);
      await db.query(`UPDATE syndications SET placed_at = $2, decided_at = $2 WHERE id = $1`, [
        repushed.value.pushed[0].id,
        vn('2027-03-02T09:00:00'),
      ]);
      const march = await draft(RG, 'head-rg', RG, '2027-03');
      expect(march.lines.map((l) => [l.kind, l.amount])).toEqual([['REMUNERATION', '468000']]);
      // March alone fits, but not after February: 600,000 − 503,100 − 468,000 = −371,100.
      expect(march.budget).toMatchObject({ usedBefore: '503100', left: '-371100', exceeded: true });
      expect(march.warnings.map((w) => w.code)).toEqual(['BUDGET_EXCEEDED', 'PROFILE_UNVERIFIED']);
    });
  });
});
