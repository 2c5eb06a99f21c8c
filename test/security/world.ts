import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';
import { Role, RoleScope } from '../../libs/access/src';
import { TINY_PDF, TINY_PNG } from '../support/zip-fixture';
import { WorkflowAction } from '../../libs/editorial/src';
import { ReportExportJobService } from '../../libs/reporting/src';
import { TO_APPROVED, TO_LIVE, advance, officer as grantOfficer, openDatabase } from '../support/fixtures';
import { gql as gqlData, multipart, succeeded } from '../support/gql';
import { httpRequest } from '../support/http-client';
import { GqlResponse, SMALL_TREES, TestApp, startTestApp } from '../support/test-app';
import type { IdorCase } from './cases';
import {
  type AttackContext,
  type Who,
  CT,
  CT_TOWN,
  HCM,
  KG,
  MARK,
  RG,
  RG_WARD,
  RG_WARD2,
  DAY,
  VICTIM_VIDEO,
  iso,
  namesForeignArgument,
  nonEmpty,
  notRefused,
  v,
} from './victim';

/**
 * The world every file of the security suite attacks: one api (jobs off, the per-address limits out
 * of the way) with the two small trees, the actors (the sibling officer holding every role on Châu
 * Thành with SUBTREE scope, an officer of Hồ Chí Minh City, the victim's officers), and every private
 * thing of the victim, each carrying the marker (drafts, revisions, a hidden consultation and its
 * comments, a poll, legal documents, a private file, questions in every state with units and files,
 * sent information, syndications, a rule, a calendar override, a delegation, a rating, a report
 * export, royalties), plus the sibling's own objects for the foreign-target cases.
 *
 * `useVictimWorld()` registers the hooks in the calling describe block (the set-up runs once a file)
 * and returns the helpers; `t` and `db` are read once the set-up has run.
 */
export function useVictimWorld() {
  let t: TestApp;
  let db: Client;
  let dataDir: string;
  const tokens: Partial<Record<Who | string, string>> = {};
  const accounts: Record<string, string> = {};

  const gql = <T = Record<string, any>>(
    host: string,
    who: string | null,
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => t.gql<T>(host, query, variables, { token: who ? tokens[who] : null, headers });
  const caller = (host: string, who: string | null) => ({ host, token: who ? tokens[who] : null });
  const ok = <T = Record<string, any>>(
    host: string,
    who: string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> => gqlData<T>(t, caller(host, who), query, variables);
  /** The single root field of a mutation that must have succeeded (not an InputError). */
  const done = (host: string, who: string | null, query: string, variables: Record<string, unknown>) =>
    succeeded(t, caller(host, who), query, variables);
  /** A plain request whose answer keeps its bytes (`body`) beside the text (files, pages, forms). */
  const raw = async (options: {
    method?: string;
    path: string;
    host: string;
    headers?: Record<string, string>;
    body?: Buffer;
  }) => {
    const res = await httpRequest(t.port, { ...options, method: options.method ?? 'GET' });
    return { status: res.status, headers: res.headers, body: res.bytes, text: res.text };
  };
  /** An account on `home` holding each of `roles` on `roleHost` (granted as the system), logged in. */
  const officer = async (
    key: string,
    home: string,
    roles: Role[],
    scope = RoleScope.TENANT,
    roleHost = home,
  ): Promise<string> => {
    const granted = await grantOfficer(t, key, home, roles, { scope, roleHost });
    for (const role of roles) accounts[`${key}:${role}`] = granted.assignments[role]!;
    accounts[key] = granted.id;
    tokens[key] = granted.token;
    return granted.id;
  };

  const ITEM = `__typename ... on ContentItem { id slug } ... on InputError { errorCode field message }`;
  const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`;
  /** Creates an item as `who` on `host` (kind NEWS unless said), moved along the workflow as the system. */
  const item = async (
    host: string,
    who: string,
    title: string,
    input: Record<string, unknown> = {},
    actions: WorkflowAction[] = [],
  ): Promise<{ id: string; slug: string }> => {
    const created = (await done(host, who, CREATE, {
      i: {
        tenantId: t.tenant(host).id,
        kind: 'NEWS',
        title,
        bodyHtml: `<p>${title}: nội dung.</p>`,
        authorName: 'Văn phòng UBND',
        source: 'UBND',
        fields: { eventDate: '2026-11-20' },
        ...input,
      },
    })) as { id: string; slug: string };
    await advance(t, created.id, actions);
    return created;
  };
  const categoryOf = async (host: string, kind: string | null = null): Promise<string> => {
    const { rows } = await db.query(
      `SELECT id FROM categories WHERE tenant_id = $1 AND ($2::text IS NULL OR content_kind = $2)
        ORDER BY parent_id NULLS FIRST, position LIMIT 1`,
      [t.tenant(host).id, kind],
    );
    if (!rows[0]) throw new Error(`no category on ${host}`);
    return rows[0].id;
  };
  const ASK = `mutation($i: AskQuestionInput!) { askQuestion(input: $i) {
    __typename ... on QuestionReceipt { trackingCode } ... on InputError { errorCode field } } }`;
  const ask = async (host: string, text: string, attachmentId: string | null = null) => {
    const receipt = await done(host, null, ASK, {
      i: {
        type: 'QUESTION',
        name: `Nguyễn Văn ${MARK}`,
        email: `${MARK}.asker@example.vn`,
        phone: '0912345678',
        topic: 'Đất đai',
        text,
        attachmentId,
        proof: { website: '' },
      },
    });
    const { rows } = await db.query('SELECT id FROM questions WHERE tracking_code = $1', [
      receipt.trackingCode,
    ]);
    return { id: rows[0].id as string, code: receipt.trackingCode as string };
  };
  const uploadQuestionFile = async (host: string) => {
    const { body, contentType } = multipart({ website: '' }, { name: `${MARK}-ban-ve.pdf`, data: TINY_PDF });
    const res = await raw({
      method: 'POST',
      path: '/questions/attachments',
      host,
      headers: { 'content-type': contentType },
      body,
    });
    if (res.status !== 201) throw new Error(`question file: ${res.status} ${res.text}`);
    return JSON.parse(res.text).id as string;
  };
  const Q_RESULT = `__typename ... on Question { id status } ... on InputError { errorCode field }`;

  /** A hash of every table an attack could change (jobs' own tables and sessions aside). */
  const FINGERPRINTED = [
    'tenants',
    'tenant_hosts',
    'categories',
    'menu_items',
    'accounts',
    'role_assignments',
    'content_items',
    'content_revisions',
    'content_url_aliases',
    'legal_document_status',
    'legal_document_relations',
    'public_services',
    'attachments',
    'media_files',
    'editorial_states',
    'workflow_events',
    'approval_delegations',
    'question_units',
    'question_unit_members',
    'questions',
    'question_events',
    'question_attachments',
    'sent_information',
    'dialogue_sessions',
    'dialogue_guests',
    'dialogue_questions',
    'draft_comments',
    'consultation_summaries',
    'consultation_settings',
    'portal_ratings',
    'syndication_rules',
    'syndications',
    'report_exports',
    'calendar_overrides',
    'deadline_policy_assignments',
    'royalty_profile_assignments',
    'royalty_budgets',
    'royalty_collaborators',
    'royalty_grades',
    'royalty_grade_authors',
    'royalty_statements',
    'royalty_statement_lines',
    'royalty_statement_adjustments',
    'audit_log',
  ];
  const fingerprint = async (): Promise<Record<string, string>> => {
    const out: Record<string, string> = {};
    for (const table of FINGERPRINTED) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS h FROM ${table} x`,
      );
      out[table] = `${rows[0].n}:${rows[0].h}`;
    }
    return out;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'portal-security-'));
    t = await startTestApp({
      dataDir,
      runJobs: false,
      // Every attack here comes from one loopback address: the per-address limits are raised out of
      // the way (they have their own tests), the per-username lockout is the default one.
      lockout: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15, perAddress: 100_000 },
      publicWrites: {
        perAddress: 100_000,
        perPortal: 100_000,
        windowSeconds: 60,
        challenge: 'none',
        refusalDelayMs: 0,
      },
    });
    await t.apply(SMALL_TREES.city);
    await t.apply(SMALL_TREES.province);
    db = await openDatabase(t);
    for (const host of [KG, RG, RG_WARD, RG_WARD2, CT, CT_TOWN, HCM]) v[host] = t.tenant(host).id;

    // --- the actors ---
    const ALL_ROLES = [
      Role.OWNER,
      Role.MANAGER,
      Role.OPERATOR,
      Role.BOARD_HEAD,
      Role.BOARD_DEPUTY,
      Role.BOARD_MEMBER,
      Role.CONTRIBUTOR,
    ];
    await officer('sibling', CT, ALL_ROLES, RoleScope.SUBTREE);
    await officer(
      'foreignTree',
      HCM,
      [Role.OWNER, Role.MANAGER, Role.OPERATOR, Role.BOARD_HEAD],
      RoleScope.SUBTREE,
    );
    v.rgOfficerAccount = await officer(`${MARK}-officer`, RG, [
      Role.OWNER,
      Role.MANAGER,
      Role.OPERATOR,
      Role.BOARD_HEAD,
      Role.BOARD_MEMBER,
    ]);
    tokens.victimOfficer = tokens[`${MARK}-officer`];
    await officer(`${MARK}-writer`, RG, [Role.CONTRIBUTOR]);
    await officer(`${MARK}-deputy`, RG, [Role.BOARD_DEPUTY]);
    await officer(`${MARK}-member`, RG, [Role.BOARD_MEMBER]);
    await officer(`${MARK}-ward`, RG_WARD, [Role.BOARD_HEAD]);
    await officer('town-head', CT_TOWN, [Role.BOARD_HEAD]);
    accounts.resident = await t.createAccount({ username: `${MARK}-resident`, homeHost: RG });
    accounts.suspended = await t.createAccount({ username: `${MARK}-suspended`, homeHost: RG });
    const OFFICER = `${MARK}-officer`;
    await done(
      RG,
      OFFICER,
      `mutation($id: String!) { suspendAccount(accountId: $id, reason: "nghỉ việc") { __typename ... on Account { status } ... on InputError { errorCode } } }`,
      { id: accounts.suspended },
    );

    // --- the victim's content ---
    v.rgNewsCategory = await categoryOf(RG);
    v.rgWard2Category = await categoryOf(RG_WARD2);
    const draft = await item(RG, OFFICER, `Dự thảo tin nội bộ ${MARK} số 1`, {
      categoryId: v.rgNewsCategory,
    });
    await done(
      RG,
      OFFICER,
      `mutation($id: String!, $i: RevisionInput!) { editContent(itemId: $id, input: $i) { ${ITEM} } }`,
      {
        id: draft.id,
        i: {
          title: `Dự thảo tin nội bộ ${MARK} số 1, sửa lần 2`,
          bodyHtml: `<p>Bản sửa ${MARK}.</p>`,
          authorName: 'Văn phòng UBND',
          source: 'UBND',
          fields: { eventDate: '2026-11-21' },
        },
      },
    );
    v.rgDraft = draft.id;
    v.rgDraftSlug = draft.slug;
    v.rgApproved = (await item(RG, OFFICER, `Tin chờ đăng ${MARK}`, {}, TO_APPROVED)).id;
    const live = await item(RG, OFFICER, 'Tin công khai của thành phố Rạch Giá', {}, TO_LIVE);
    v.rgLive = live.id;
    v.rgLiveSlug = live.slug;
    // A new draft of the live item: private until it is published.
    await done(
      RG,
      OFFICER,
      `mutation($id: String!, $i: RevisionInput!) { editContent(itemId: $id, input: $i) { ${ITEM} } }`,
      {
        id: live.id,
        i: {
          title: `Bản sửa chưa duyệt ${MARK}`,
          bodyHtml: '<p>Chưa duyệt.</p>',
          authorName: 'Văn phòng UBND',
          source: 'UBND',
          fields: { eventDate: '2026-11-20' },
        },
      },
    );
    v.rgLive2 = (await item(RG, OFFICER, 'Tin công khai thứ hai của Rạch Giá', {}, TO_LIVE)).id;
    const docFields = (opens: string, closes: string) => ({
      kind: 'DRAFT_DOCUMENT',
      fields: { commentOpensAt: opens, commentClosesAt: closes, issuer: 'UBND thành phố Rạch Giá' },
    });
    v.rgDoc = (
      await item(RG, OFFICER, 'Dự thảo quy chế tiếp công dân', docFields(iso(-DAY), iso(30 * DAY)), TO_LIVE)
    ).id;
    v.rgClosedDoc = (
      await item(
        RG,
        OFFICER,
        'Dự thảo quy chế đã hết hạn góp ý',
        docFields(iso(-30 * DAY), iso(-DAY)),
        TO_LIVE,
      )
    ).id;
    const hidden = await item(
      RG,
      OFFICER,
      `Dự thảo chưa công bố ${MARK}`,
      docFields(iso(-DAY), iso(30 * DAY)),
    );
    v.rgHiddenDoc = hidden.id;
    v.rgHiddenDocSlug = hidden.slug;
    v.rgComment = (
      await done(
        RG,
        null,
        `mutation($i: CommentOnDraftInput!) { commentOnDraft(input: $i) { __typename ... on DraftCommentReceipt { id } ... on InputError { errorCode field } } }`,
        {
          i: {
            itemId: v.rgDoc,
            name: `Trần Thị ${MARK}`,
            email: `${MARK}.comment@example.vn`,
            text: `Ý kiến riêng ${MARK}: đề nghị bổ sung giờ tiếp dân.`,
            proof: { website: '' },
          },
        },
      )
    ).id;
    {
      const poll = await done(
        RG,
        OFFICER,
        `mutation($i: CreatePollInput!) { createPoll(input: $i) { __typename ... on Poll { id options { id } } ... on InputError { errorCode field } } }`,
        {
          i: {
            questionVi: 'Thăm dò: giờ tiếp dân có phù hợp?',
            options: [{ labelVi: 'Phù hợp' }, { labelVi: 'Chưa phù hợp' }],
            opensAt: iso(-DAY),
            closesAt: iso(30 * DAY),
            resultsVisibility: 'AFTER_CLOSE',
          },
        },
      );
      v.rgPoll = poll.id;
      v.rgPollOption = poll.options[0].id;
    }
    // --- an online dialogue of the victim's, open for questions, with a citizen's private contact ---
    {
      const dialogue = await done(
        RG,
        OFFICER,
        `mutation($i: DialogueInput!) { scheduleDialogue(input: $i) { __typename ... on Dialogue { id guests { id } } ... on InputError { errorCode field } } }`,
        {
          i: {
            titleVi: 'Giao lưu trực tuyến về giờ tiếp dân',
            topicVi: 'Lãnh đạo thành phố trả lời người dân về giờ tiếp dân.',
            place: 'Hội trường UBND thành phố Rạch Giá',
            startsAt: iso(DAY),
            endsAt: iso(DAY + 2 * 3600 * 1000),
            guests: [
              { kind: 'LEADER', name: 'Nguyễn Văn Khách', jobTitle: 'Chủ tịch UBND', unit: 'UBND thành phố' },
            ],
          },
        },
      );
      v.rgDialogue = dialogue.id;
      v.rgDialogueGuest = dialogue.guests[0].id;
      await done(
        RG,
        OFFICER,
        `mutation($id: ID!) { transitionDialogue(id: $id, step: OPEN_QUESTIONS) { __typename ... on Dialogue { id } ... on InputError { errorCode field } } }`,
        { id: v.rgDialogue },
      );
      const receipt = await done(
        RG,
        null,
        `mutation($i: AskDialogueQuestionInput!) { askDialogueQuestion(input: $i) { __typename ... on DialogueQuestionReceipt { trackingCode } ... on InputError { errorCode field } } }`,
        {
          i: {
            dialogueId: v.rgDialogue,
            name: `Phạm Văn ${MARK}`,
            email: `${MARK}.dialogue@example.vn`,
            text: `Câu hỏi riêng ${MARK}: giờ tiếp dân buổi chiều?`,
            proof: { website: '' },
          },
        },
      );
      v.rgDialogueCode = receipt.trackingCode;
      const { rows } = await db.query('SELECT id FROM dialogue_questions WHERE tracking_code = $1', [
        v.rgDialogueCode,
      ]);
      v.rgDialogueQuestion = rows[0].id;
    }
    // A live legal document of the victim's (public), an unpublished one (private), a relation between them.
    {
      const legal = (number: string) => ({
        kind: 'LEGAL_DOCUMENT',
        fields: {
          form: 'QUYET_DINH',
          issuer: 'UBND thành phố Rạch Giá',
          number,
          issueDate: '2026-01-05',
          excerpt: 'Trích yếu',
        },
      });
      v.rgLegal = (
        await item(RG, OFFICER, 'Quyết định về trật tự đô thị', legal('01/2026/QĐ-UBND'), TO_LIVE)
      ).id;
      v.rgLegalDraft = (
        await item(RG, OFFICER, `Quyết định chưa ban hành ${MARK}`, legal(`02/2026/${MARK}`))
      ).id;
      const related = await done(
        RG,
        OFFICER,
        `mutation($i: ID!, $o: ID!) { relateLegalDocuments(input: { itemId: $i, kind: AMENDS, otherItemId: $o }) {
          __typename ... on LegalDocumentStatus { relations { id } } ... on InputError { errorCode field } } }`,
        { i: v.rgLegal, o: v.rgLegalDraft },
      );
      v.rgLegalRelation = related.relations[0].id;
      await done(
        RG,
        OFFICER,
        `mutation($i: ID!) { setLegalValidity(itemId: $i, input: { validity: IN_FORCE }) { __typename ... on InputError { errorCode field } } }`,
        { i: v.rgLegal },
      );
    }
    // A file attached to the unpublished draft: private.
    {
      const { body, contentType } = multipart({ itemId: v.rgDraft }, { name: `${MARK}-phu-luc.pdf`, data: TINY_PDF });
      const res = await raw({
        method: 'POST',
        path: '/attachments',
        host: RG,
        headers: { 'content-type': contentType, authorization: `Bearer ${tokens[OFFICER]}` },
        body,
      });
      if (res.status !== 201) throw new Error(`attachment: ${res.status} ${res.text}`);
      v.rgAttachment = JSON.parse(res.text).id;
    }
    // Media items: an unpublished video with its file, an unpublished gallery with a photo.
    {
      v.rgVideo = (await item(RG, OFFICER, `Video ${MARK}`, { kind: 'VIDEO', fields: {} })).id;
      v.rgGallery = (await item(RG, OFFICER, `Ảnh ${MARK}`, { kind: 'PHOTO_GALLERY', fields: {} })).id;
      for (const [role, itemId, name, data, key] of [
        ['video', v.rgVideo, `${MARK}.mp4`, VICTIM_VIDEO, 'rgVideoFile'],
        ['photo', v.rgGallery, `${MARK}.png`, TINY_PNG, 'rgPhoto'],
      ] as const) {
        const { body, contentType } = multipart({ itemId }, { name, data });
        const res = await raw({
          method: 'POST',
          path: `/media/${role}`,
          host: RG,
          headers: { 'content-type': contentType, authorization: `Bearer ${tokens[OFFICER]}` },
          body,
        });
        if (res.status !== 201) throw new Error(`media: ${res.status} ${res.text}`);
        v[key] = JSON.parse(res.text).id;
      }
    }

    // --- questions, a unit, files ---
    v.rgUnit = (
      await done(
        RG,
        OFFICER,
        `mutation($i: CreateQuestionUnitInput!) { createQuestionUnit(input: $i) { __typename ... on QuestionUnit { id } ... on InputError { errorCode field } } }`,
        { i: { tenantId: v[RG], name: `Phòng ${MARK}`, memberAccountIds: [accounts[`${MARK}-writer`]] } },
      )
    ).id;
    const q = async (n: number) => ask(RG, `Câu hỏi riêng ${MARK} số ${n}: thủ tục cấp giấy chứng nhận?`);
    const qReceived = await q(1);
    v.qReceived = qReceived.id;
    v.qReceivedCode = qReceived.code;
    const route = (id: string) =>
      done(RG, OFFICER, `mutation($id: ID!, $u: ID) { routeQuestion(id: $id, unitId: $u) { ${Q_RESULT} } }`, {
        id,
        u: v.rgUnit,
      });
    const answer = (id: string) =>
      done(
        RG,
        `${MARK}-writer`,
        `mutation($id: ID!, $a: String!) { draftQuestionAnswer(id: $id, answer: $a) { ${Q_RESULT} } }`,
        { id, a: `Trả lời nội bộ ${MARK}.` },
      );
    v.qRouted = (await q(2)).id;
    await route(v.qRouted);
    v.qAnswered = (await q(3)).id;
    await route(v.qAnswered);
    await answer(v.qAnswered);
    v.qApproved = (await q(4)).id;
    await route(v.qApproved);
    await answer(v.qApproved);
    await done(RG, OFFICER, `mutation($id: ID!) { approveQuestionAnswer(id: $id) { ${Q_RESULT} } }`, {
      id: v.qApproved,
    });
    v.qWithFile = (await ask(RG, `Câu hỏi kèm bản vẽ ${MARK}`, await uploadQuestionFile(RG))).id;
    v.rgQuestionFile = await uploadQuestionFile(RG); // sent, not yet named by a question

    // --- information sent to the board, with a file (the website form) ---
    {
      const { body, contentType } = multipart({
          name: `Đỗ Văn ${MARK}`,
          email: `${MARK}.sender@example.vn`,
          title: 'Tin gửi Ban Biên tập thành phố Rạch Giá',
          body: `Nội dung riêng gửi Ban Biên tập ${MARK}, chưa được đăng.`,
          website: '',
        }, { name: `${MARK}-tu-lieu.pdf`, data: TINY_PDF });
      const res = await raw({
        method: 'POST',
        path: '/gui-thong-tin',
        host: RG,
        headers: { 'content-type': contentType },
        body,
      });
      if (res.status !== 303) throw new Error(`sent information: ${res.status} ${res.text.slice(0, 300)}`);
      v.rgSentCode = decodeURIComponent(String(res.headers.location).split('ma=')[1]);
      const { rows } = await db.query('SELECT id FROM sent_information WHERE tracking_code = $1', [
        v.rgSentCode,
      ]);
      v.rgSent = rows[0].id;
    }

    // --- federation: proposals received, a copy accepted, a push down, a rule ---
    const PROPOSE = `mutation($item: ID!) { proposeSyndication(itemId: $item) { __typename ... on Syndication { id } ... on InputError { errorCode } } }`;
    const wardA = await item(RG_WARD, `${MARK}-ward`, 'Tin phường 1 đề xuất lên thành phố', {}, TO_LIVE);
    v.synProposed = (await done(RG_WARD, `${MARK}-ward`, PROPOSE, { item: wardA.id })).id;
    const wardB = await item(RG_WARD, `${MARK}-ward`, 'Tin phường 1 đã được đăng lại', {}, TO_LIVE);
    v.synAccepted = (await done(RG_WARD, `${MARK}-ward`, PROPOSE, { item: wardB.id })).id;
    await done(
      RG,
      OFFICER,
      `mutation($i: AcceptSyndicationInput!) { acceptSyndication(input: $i) { __typename ... on Syndication { id state } ... on InputError { errorCode } } }`,
      { i: { id: v.synAccepted } },
    );
    const pushed = await done(
      RG,
      OFFICER,
      `mutation($i: PushItemInput!) { pushItem(input: $i) { __typename ... on PushOutcome { pushed { id } } ... on InputError { errorCode field } } }`,
      { i: { itemId: v.rgLive, targets: { tenantIds: [v[RG_WARD]] }, placement: 'PINNED' } },
    );
    v.synPushed = pushed.pushed[0].id;
    v.rgRule = (
      await done(
        RG,
        OFFICER,
        `mutation($i: SyndicationRuleInput!) { createSyndicationRule(input: $i) { __typename ... on SyndicationRule { id } ... on InputError { errorCode field } } }`,
        { i: { tenantId: v[RG], kinds: ['LEGAL_DOCUMENT'] } },
      )
    ).id;

    // --- calendar, delegation, rating, report file ---
    v.rgOverride = (
      await done(
        RG,
        OFFICER,
        `mutation($i: SetCalendarOverrideInput!) { setCalendarOverride(input: $i) { __typename ... on CalendarOverride { id } ... on InputError { errorCode field } } }`,
        {
          i: {
            tenantId: v[RG],
            date: '2026-12-24',
            working: false,
            nameVi: 'Nghỉ theo quyết định của thành phố',
            source: 'Quyết định 9/QĐ-UBND',
          },
        },
      )
    ).id;
    await done(
      RG,
      OFFICER,
      `mutation($i: DelegateApprovalInput!) { delegateApproval(input: $i) { __typename ... on ApprovalDelegation { id } ... on InputError { errorCode field } } }`,
      {
        i: {
          tenantId: v[RG],
          deputyAccountId: accounts[`${MARK}-deputy`],
          validFrom: iso(-DAY),
          validTo: iso(DAY),
        },
      },
    );
    await done(
      RG,
      null,
      `mutation { ratePortal(input: { interface: 5, content: 4, quality: 4, support: 5, proof: { website: "" } }) { __typename ... on PortalRatingReceipt { id } ... on InputError { errorCode } } }`,
      {},
    );
    v.rgExport = (
      await done(
        RG,
        OFFICER,
        `mutation { requestReportExport(period: "2026", format: CSV) { __typename ... on ReportExport { id } ... on InputError { errorCode field } } }`,
        {},
      )
    ).id;
    await t.app.get(ReportExportJobService).run(v.rgExport);
    v.rgExportRequester = accounts[OFFICER];

    // Royalties: a collaborator with payment details, a graded item (graded by the deputy under a
    // delegation: the officer wrote the items), a drafted statement.
    v.rgCollaborator = (
      await done(
        RG,
        OFFICER,
        `mutation($t: ID!) { createCollaborator(input: { tenantId: $t, penName: "Bút danh ${MARK}", realName: "Người viết ${MARK}", bankAccount: "0123456789", bankName: "Ngân hàng ${MARK}" }) { __typename ... on Collaborator { id } ... on InputError { errorCode field } } }`,
        { t: v[RG] },
      )
    ).id;
    await done(
      RG,
      OFFICER,
      `mutation($i: DelegateApprovalInput!) { delegateApproval(input: $i) { __typename ... on InputError { errorCode field } } }`,
      {
        i: {
          tenantId: v[RG],
          deputyAccountId: accounts[`${MARK}-deputy`],
          validFrom: new Date(Date.now() - 60_000).toISOString(),
          validTo: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
    );
    v.rgGraded = v.rgLive;
    await done(
      RG,
      `${MARK}-deputy`,
      `mutation($i: ID!, $c: ID!) { gradeItem(input: { itemId: $i, genre: "NEWS", coefficient: "5", authors: [{ collaboratorId: $c, share: "100" }] }) { __typename ... on RoyaltyGrade { id } ... on InputError { errorCode field } } }`,
      { i: v.rgLive, c: v.rgCollaborator },
    );
    v.rgStatement = (
      await done(
        RG,
        OFFICER,
        `mutation($t: ID!) { draftRoyaltyStatement(tenantId: $t, month: "2026-11") { __typename ... on RoyaltyStatement { id } ... on InputError { errorCode field } } }`,
        { t: v[RG] },
      )
    ).id;

    // --- the sibling's own objects, for the foreign-target cases ---
    v.ctCategory = await categoryOf(CT);
    // The editable site structure: the victim's second category and menu entries, the sibling's entry.
    v.rgCategory2 = (
      await db.query(
        'SELECT id FROM categories WHERE tenant_id = $1 AND parent_id IS NULL ORDER BY position OFFSET 1 LIMIT 1',
        [v[RG]],
      )
    ).rows[0].id;
    const menuOf = async (tenantId: string) =>
      (
        await db.query(
          `SELECT id FROM menu_items WHERE tenant_id = $1 AND menu = 'MAIN' ORDER BY position LIMIT 2`,
          [tenantId],
        )
      ).rows as Array<{ id: string }>;
    [v.rgMenuEntry, v.rgMenuEntry2] = (await menuOf(v[RG])).map((r) => r.id);
    v.ctMenuEntry = (await menuOf(v[CT]))[0].id;
    v.ctLive = (await item(CT, 'sibling', 'Tin công khai của huyện Châu Thành', {}, TO_LIVE)).id;
    v.ctLegal = (
      await item(
        CT,
        'sibling',
        'Quyết định của huyện Châu Thành',
        {
          kind: 'LEGAL_DOCUMENT',
          fields: {
            form: 'QUYET_DINH',
            issuer: 'Phòng Tư pháp huyện',
            number: '05/2026/QĐ-UBND',
            issueDate: '2026-02-01',
            excerpt: 'Trích yếu',
          },
        },
        TO_LIVE,
      )
    ).id;
    v.ctQuestion = (await ask(CT, 'Câu hỏi gửi huyện Châu Thành về thủ tục đất đai')).id;
    {
      const receipt = await done(
        CT,
        null,
        `mutation($i: SendInformationInput!) { sendInformation(input: $i) { __typename ... on SentInformationReceipt { trackingCode } ... on InputError { errorCode field } } }`,
        {
          i: {
            name: 'Người gửi Châu Thành',
            email: 'nguoigui@example.vn',
            title: 'Tin gửi Ban Biên tập huyện Châu Thành',
            body: 'Nội dung gửi Ban Biên tập huyện Châu Thành để xem xét đăng tải.',
            proof: { website: '' },
          },
        },
      );
      const { rows } = await db.query('SELECT id FROM sent_information WHERE tracking_code = $1', [
        receipt.trackingCode,
      ]);
      v.ctSent = rows[0].id;
    }
    v.ctUnit = (
      await done(
        CT,
        'sibling',
        `mutation($i: CreateQuestionUnitInput!) { createQuestionUnit(input: $i) { __typename ... on QuestionUnit { id } ... on InputError { errorCode field } } }`,
        { i: { tenantId: v[CT], name: 'Phòng Tài nguyên', memberAccountIds: [] } },
      )
    ).id;
    const townItem = await item(CT_TOWN, 'town-head', 'Tin thị trấn Minh Lương', {}, TO_LIVE);
    v.ctProposal = (await done(CT_TOWN, 'town-head', PROPOSE, { item: townItem.id })).id;

    v.officer = accounts[OFFICER];
    v.writer = accounts[`${MARK}-writer`];
    v.deputy = accounts[`${MARK}-deputy`];
    v.member = accounts[`${MARK}-member`];
    v.memberAssignment = accounts[`${MARK}-member:${Role.BOARD_MEMBER}`];
    v.resident = accounts.resident;
    v.suspended = accounts.suspended;
    const { rows: ward2Categories } = await db.query('SELECT id FROM categories WHERE tenant_id = $1', [
      v[RG_WARD2],
    ]);
    v.ward2CategoryMapping = JSON.stringify(
      ward2Categories.map((r: { id: string }) => ({ sourceCategoryId: r.id, targetCategoryId: null })),
    );
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const tokenOf = (who: Who | null) => (who && who !== 'anonymous' ? (tokens[who] ?? null) : null);
  const attack = (c: IdorCase, ctx: AttackContext) =>
    t.gql(ctx.host, c.query, c.vars(), { token: tokenOf(ctx.who) });
  /**
   * Why this answer to `c` is not a refusal (null when it is one). With `target`, the caller acts on
   * its own object and an InputError naming the foreign argument (`field`) is the refusal.
   */
  const judge = (c: IdorCase, host: string, res: GqlResponse, target = false): string | null => {
    const problem = notRefused(res, { emptyRequired: false });
    if (problem) return problem;
    if (c.publicByDesign || (c.publicOnVictimHost && host === RG)) return null;
    for (const [field, value] of Object.entries(res.body.data ?? {})) {
      if (target && namesForeignArgument(value, c.foreign)) continue;
      if (c.refused && value !== null && value.__typename !== 'InputError' && c.refused(value)) continue;
      const answered = nonEmpty(value);
      if (answered) return `${field} answered ${answered}: ${JSON.stringify(value).slice(0, 300)}`;
    }
    return null;
  };

  return {
    get t(): TestApp {
      return t;
    },
    get db(): Client {
      return db;
    },
    tokens,
    accounts,
    gql,
    ok,
    done,
    raw,
    officer,
    item,
    ask,
    ASK,
    CREATE,
    TO_APPROVED,
    TO_LIVE,
    fingerprint,
    tokenOf,
    attack,
    judge,
  };
}

export type VictimWorld = ReturnType<typeof useVictimWorld>;
