import { DataSource } from 'typeorm';
import { num } from './report';

/**
 * What the reports read besides the items, seeded in SQL (set-based, chunked) over the national
 * dataset of `seedNationalDataset` (it needs its `bench_portals` on the same connection):
 *
 * - a board account per province (`bbt-tinhNN`, BOARD_HEAD over the province's subtree) and the
 *   bench author as CONTRIBUTOR of every portal;
 * - for every item the editorial history of its live revision: SUBMIT (author), TAKE_FOR_REVIEW,
 *   APPROVE, PUBLISH (the province's board; PUBLISH at the item's `published_at`); an
 *   `editorial_states` row PUBLISHED, submitted 2–24 h before publication (5 %: 50–79 h, so the
 *   board decision is past its 2-day `board_due_at`), `due_at` 1–71 h after publication (10 %: 1–47 h
 *   before, late); 1 % were returned once before (SUBMIT, TAKE_FOR_REVIEW, RETURN, then SUBMIT from
 *   RETURNED); 1 % have a second revision three days after publication that the board refused (with a
 *   reason, INACCURATE_OR_LOW_QUALITY the commonest);
 * - one item in 500 turned into a DRAFT_DOCUMENT open for comment 30 days from publication (no
 *   statutory due date), with 10 comments each (published, rejected with a reason, pending when
 *   recent);
 * - 2–3 question units per portal, the author a member of each;
 * - `questions` citizens' questions (10 % feedback) over the portals and the two years, with
 *   routing and answer due dates, 5 % routed late, 10 % answered late, 1 in 17 never answered
 *   (overdue), 1 in 33 out of scope, 2 % forwarded to the parent, the last 20 days still open;
 *   their question_events;
 * - `ratings` portal ratings over the two years;
 * - syndications besides the accepted UP ones: refused UP proposals (every 200th item, offset 30)
 *   and province items pushed DOWN to every direct child (every 40th, offset 5).
 *
 * Foreign keys are not checked while it inserts (`session_replication_role = replica`, where the
 * role may set it): every reference is built from rows just read, and the checks would triple the
 * time. Returns the seconds each step took.
 */
export async function seedReportingHistory(
  db: Pick<DataSource, 'query'>,
  options: {
    authorId: string;
    /** The instant the dataset ends (exclusive), as SQL: questions and ratings end there too. */
    end: string;
    /** The dataset's span in seconds (questions and ratings are spread over it). */
    span: number;
    questions: number;
    ratings: number;
    chunk?: number;
  },
): Promise<{ steps: Array<[string, number]>; fkChecksOff: boolean }> {
  const steps: Array<[string, number]> = [];
  const step = async (label: string, work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    const seconds = (performance.now() - t0) / 1000;
    steps.push([label, seconds]);
    process.stdout.write(`  ${label} in ${seconds.toFixed(1)} s\n`);
  };
  const author = options.authorId;
  let fkChecksOff = true;
  try {
    await db.query(`SET session_replication_role = replica`);
  } catch {
    fkChecksOff = false;
  }
  try {
    await step('board accounts and roles', async () => {
      await db.query(`CREATE TEMP TABLE bench_boards AS
        SELECT t.id AS province_id, gen_random_uuid() AS account_id,
               'bbt-' || split_part(t.primary_host::text, '.', 1) AS username, 'Ban biên tập ' || t.name_vi AS display_name
          FROM tenants t WHERE t.parent_id IS NULL`);
      await db.query(
        `INSERT INTO accounts (id, tenant_id, username, display_name, password_hash, created_at, updated_at)
         SELECT b.account_id, b.province_id, b.username, b.display_name, a.password_hash,
                timestamptz '2024-01-01 08:00+07', timestamptz '2024-01-01 08:00+07'
           FROM bench_boards b, accounts a WHERE a.id = $1`,
        [author],
      );
      // Each portal's board: its province's.
      await db.query(`CREATE TEMP TABLE bench_actors AS
        SELECT p.n, p.tenant_id, p.parent_id, p.news_id, b.account_id AS board_id
          FROM bench_portals p JOIN tenants t ON t.id = p.tenant_id
          JOIN tenants r ON r.path = subpath(t.path, 0, 1) JOIN bench_boards b ON b.province_id = r.id`);
      await db.query(`CREATE UNIQUE INDEX ON bench_actors (tenant_id)`);
      await db.query(`ANALYZE bench_actors`);
      await db.query(
        `INSERT INTO role_assignments (id, account_id, tenant_id, role, scope, valid_from, created_at)
         SELECT gen_random_uuid(), account_id, province_id, 'BOARD_HEAD', 'SUBTREE', timestamptz '2024-01-01 08:00+07',
                timestamptz '2024-01-01 08:00+07'
           FROM bench_boards
         UNION ALL
         SELECT gen_random_uuid(), $1::uuid, tenant_id, 'CONTRIBUTOR', 'TENANT', timestamptz '2024-01-01 08:00+07',
                timestamptz '2024-01-01 08:00+07'
           FROM bench_portals`,
        [author],
      );
      // A former board member of each province (the role ended before 2026): held, not in 2026-H1.
      await db.query(
        `INSERT INTO role_assignments (id, account_id, tenant_id, role, scope, valid_from, valid_to, created_at)
         SELECT gen_random_uuid(), $1::uuid, province_id, 'BOARD_MEMBER', 'SUBTREE', timestamptz '2024-01-01 08:00+07',
                timestamptz '2025-12-31 17:00+07', timestamptz '2024-01-01 08:00+07'
           FROM bench_boards`,
        [author],
      );
    });

    await step('draft documents (1 item in 500)', async () => {
      await db.query(
        `UPDATE content_items SET kind = 'DRAFT_DOCUMENT' WHERE substr(slug, 5)::int % 500 = 250`,
      );
      await db.query(
        `UPDATE content_revisions r
            SET fields = jsonb_build_object(
                  'commentOpensAt', to_char(i.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  'commentClosesAt', to_char((i.published_at + interval '30 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
           FROM content_items i
          WHERE r.id = i.live_revision_id AND i.kind = 'DRAFT_DOCUMENT'`,
      );
    });

    await step('item list', async () => {
      await db.query(`CREATE TEMP TABLE bench_items AS
        SELECT substr(i.slug, 5)::int AS g, i.id AS item_id, i.live_revision_id AS rev_id, i.tenant_id, i.kind,
               i.published_at, a.board_id, a.parent_id
          FROM content_items i JOIN bench_actors a ON a.tenant_id = i.tenant_id`);
      await db.query(`CREATE INDEX ON bench_items (g)`);
      await db.query(`ANALYZE bench_items`);
    });
    const [{ max }] = await db.query(`SELECT max(g)::int AS max FROM bench_items`);

    const chunk = options.chunk ?? 200_000;
    const reasons = `ARRAY['INACCURATE_OR_LOW_QUALITY','INACCURATE_OR_LOW_QUALITY','INACCURATE_OR_LOW_QUALITY','OUT_OF_SCOPE','OUT_OF_SCOPE','UNKNOWN_ORIGIN','NOT_AUTHORISED_FOR_RELEASE','AGAINST_POLICY_OR_LAW']`;
    for (let from = 1; from <= max; from += chunk) {
      const to = Math.min(max, from + chunk - 1);
      await step(`editorial history, items ${num(from)}–${num(to)}`, async () => {
        // sub: the (last) submission; sub0: the first one (a day earlier for those returned once).
        await db.query(
          `CREATE TEMP TABLE bench_wf AS
           SELECT x.*, CASE WHEN returned THEN sub - interval '1 day' ELSE sub END AS sub0,
                  CASE WHEN refused THEN gen_random_uuid() END AS rev2,
                  published_at + interval '3 days' + make_interval(mins => g % 300) AS sub2
             FROM (SELECT b.*,
                          b.published_at - make_interval(hours => CASE WHEN (g / 20) % 20 = 7 THEN 50 + g % 30 ELSE 2 + g * 7 % 23 END,
                                                         mins => g % 60) AS sub,
                          CASE WHEN b.kind = 'DRAFT_DOCUMENT' THEN NULL
                               WHEN (g / 10) % 10 = 3 THEN b.published_at - make_interval(hours => 1 + g % 47)
                               ELSE b.published_at + make_interval(hours => 1 + g % 71) END AS due,
                          (g / 100) % 100 = 37 AS returned,
                          (g / 100) % 100 = 71 AS refused
                     FROM bench_items b WHERE g BETWEEN $1 AND $2) x`,
          [from, to],
        );
        await db.query(
          `INSERT INTO editorial_states (revision_id, item_id, tenant_id, status, submitted_at, board_due_at, due_at, updated_at)
           SELECT rev_id, item_id, tenant_id, 'PUBLISHED', sub, sub + interval '2 days', due, published_at FROM bench_wf`,
        );
        await db.query(
          `INSERT INTO content_revisions (id, item_id, tenant_id, number, title, summary, body_html, body_text, fields,
                                          author_name, source, created_by, created_at)
           SELECT rev2, item_id, tenant_id, 2, 'Bản cập nhật tin số ' || g, 'Cập nhật số liệu', '<p>Nội dung cập nhật.</p>',
                  'Nội dung cập nhật.', '{}', 'Ban biên tập', 'Cổng thông tin', $1, sub2 - interval '1 hour'
             FROM bench_wf WHERE refused`,
          [author],
        );
        await db.query(
          `INSERT INTO editorial_states (revision_id, item_id, tenant_id, status, submitted_at, board_due_at, due_at, updated_at)
           SELECT rev2, item_id, tenant_id, 'REFUSED', sub2, sub2 + interval '2 days', due, sub2 + interval '5 hours'
             FROM bench_wf WHERE refused`,
        );
        await db.query(
          `INSERT INTO workflow_events (tenant_id, item_id, revision_id, action, from_status, to_status, actor_account_id,
                                        delegated, reason, note, at)
           SELECT w.tenant_id, w.item_id, coalesce(s.rev, w.rev_id), s.action, s.from_status, s.to_status, s.actor, false,
                  s.reason, s.note, s.at
             FROM bench_wf w CROSS JOIN LATERAL (VALUES
               (1, NULL::uuid, 'SUBMIT', 'DRAFT', 'SUBMITTED', $1::uuid, w.sub0, NULL, NULL),
               (2, NULL, 'TAKE_FOR_REVIEW', 'SUBMITTED', 'IN_REVIEW', w.board_id,
                   CASE WHEN w.returned THEN w.sub0 + interval '30 minutes' END, NULL, NULL),
               (3, NULL, 'RETURN', 'IN_REVIEW', 'RETURNED', w.board_id,
                   CASE WHEN w.returned THEN w.sub0 + interval '3 hours' END, NULL, 'Bổ sung nguồn tin và hình ảnh'),
               (4, NULL, 'SUBMIT', 'RETURNED', 'SUBMITTED', $1::uuid, CASE WHEN w.returned THEN w.sub END, NULL, NULL),
               (5, NULL, 'TAKE_FOR_REVIEW', 'SUBMITTED', 'IN_REVIEW', w.board_id,
                   w.sub + make_interval(mins => 10 + w.g % 50), NULL, NULL),
               (6, NULL, 'APPROVE', 'IN_REVIEW', 'APPROVED', w.board_id,
                   w.published_at - make_interval(mins => 20 + w.g % 10), NULL, NULL),
               (7, NULL, 'PUBLISH', 'APPROVED', 'PUBLISHED', w.board_id, w.published_at, NULL, NULL),
               (8, w.rev2, 'SUBMIT', 'DRAFT', 'SUBMITTED', $1::uuid, CASE WHEN w.refused THEN w.sub2 END, NULL, NULL),
               (9, w.rev2, 'TAKE_FOR_REVIEW', 'SUBMITTED', 'IN_REVIEW', w.board_id,
                   CASE WHEN w.refused THEN w.sub2 + interval '1 hour' END, NULL, NULL),
               (10, w.rev2, 'REFUSE', 'IN_REVIEW', 'REFUSED', w.board_id,
                   CASE WHEN w.refused THEN w.sub2 + interval '5 hours' END,
                   (${reasons})[1 + (w.g / 10000 + w.g) % 8], 'Thông tin chưa được kiểm chứng')
             ) s(ord, rev, action, from_status, to_status, actor, at, reason, note)
            WHERE s.at IS NOT NULL
            ORDER BY w.g, s.ord`,
          [author],
        );
        await db.query(`DROP TABLE bench_wf`);
      });
    }

    await step('draft comments', () =>
      db.query(
        `INSERT INTO draft_comments (id, tenant_id, item_id, via_tenant_id, name, email, organisation, text, state, reason,
                                     created_at, moderated_by, moderated_at)
         SELECT gen_random_uuid(), b.tenant_id, b.item_id, b.tenant_id, 'Người góp ý ' || c, 'gopy' || b.g || '.' || c || '@example.vn',
                CASE WHEN c % 3 = 0 THEN 'Hiệp hội Doanh nghiệp tỉnh' END,
                'Đề nghị làm rõ điều ' || c || ' của dự thảo.', x.state,
                CASE WHEN x.state = 'REJECTED' THEN 'Nội dung không liên quan đến dự thảo' END, x.at,
                CASE WHEN x.state <> 'PENDING' THEN b.board_id END,
                CASE WHEN x.state <> 'PENDING' THEN x.at + interval '1 day' END
           FROM bench_items b CROSS JOIN generate_series(1, 10) c
           CROSS JOIN LATERAL (SELECT b.published_at + make_interval(hours => c * 66) AS at) t
           CROSS JOIN LATERAL (SELECT t.at,
                                      CASE WHEN t.at > ${options.end} - interval '7 days' THEN 'PENDING'
                                           WHEN c % 5 = 0 THEN 'REJECTED' ELSE 'PUBLISHED' END AS state) x
          WHERE b.kind = 'DRAFT_DOCUMENT' AND x.at < ${options.end}`,
      ),
    );

    await step('question units', async () => {
      await db.query(`CREATE TEMP TABLE bench_units AS
        SELECT a.tenant_id, u.k, gen_random_uuid() AS unit_id, u.name
          FROM bench_actors a
          CROSS JOIN (VALUES (0, 'Văn phòng'), (1, 'Phòng Chuyên môn'), (2, 'Bộ phận Tiếp nhận và Trả kết quả')) u(k, name)
         WHERE u.k < 2 OR a.n % 2 = 0`);
      await db.query(
        `INSERT INTO question_units (id, tenant_id, name, created_at)
         SELECT unit_id, tenant_id, name, timestamptz '2024-01-01 08:00+07' FROM bench_units`,
      );
      await db.query(
        `INSERT INTO question_unit_members (unit_id, account_id) SELECT unit_id, $1 FROM bench_units`,
        [author],
      );
    });

    await step(`questions (${num(options.questions)})`, async () => {
      const [{ portals }] = await db.query(`SELECT count(*)::int AS portals FROM bench_actors`);
      await db.query(
        `CREATE TEMP TABLE bench_q AS
         SELECT y.*, gen_random_uuid() AS id,
                CASE WHEN status IN ('ROUTED', 'ANSWERED', 'APPROVED', 'PUBLISHED')
                     THEN received_at + CASE WHEN q % 20 = 3 THEN make_interval(days => 3, hours => q % 24)
                                             ELSE make_interval(hours => 2 + q % 6) END END AS routed_at,
                CASE WHEN status IN ('ANSWERED', 'APPROVED', 'PUBLISHED')
                     THEN received_at + CASE WHEN recent THEN make_interval(days => 1 + q % 3)
                                             WHEN q % 10 = 7 THEN make_interval(days => 22 + q % 10)
                                             ELSE make_interval(days => 3 + q % 15) END END AS answered_at
           FROM (SELECT x.*,
                        CASE WHEN q % 33 = 0 THEN 'OUT_OF_SCOPE'
                             WHEN recent THEN (ARRAY['RECEIVED', 'ROUTED', 'ANSWERED'])[1 + q % 3]
                             WHEN q % 17 = 0 THEN 'ROUTED'
                             ELSE 'PUBLISHED' END AS status
                   FROM (SELECT q, a.tenant_id AS origin, a.board_id AS origin_board,
                                CASE WHEN q % 50 = 1 AND a.parent_id IS NOT NULL THEN a.parent_id ELSE a.tenant_id END AS holder,
                                CASE WHEN q % 10 = 0 THEN 'FEEDBACK' ELSE 'QUESTION' END AS type,
                                ${options.end} - make_interval(secs => q * ($2::float8 / $1) + q::bigint * 7919 % 3600) AS received_at,
                                ${options.end} - make_interval(secs => q * ($2::float8 / $1) + q::bigint * 7919 % 3600)
                                  > ${options.end} - interval '20 days' AS recent
                           FROM generate_series(1, $1::int) q JOIN bench_actors a ON a.n = (q * 7) % $3) x) y`,
        [options.questions, options.span, portals],
      );
      await db.query(
        `INSERT INTO questions (id, tenant_id, origin_tenant_id, handler_tenant_id, unit_id, type, tracking_code, status,
                                asker_name, asker_email, asker_phone, topic, field, text, public_text, answer, out_of_scope_notice,
                                received_at, handling_since, routing_due_at, out_of_scope_due_at, answer_due_at, unit_due_at,
                                board_due_at, routed_at, answered_at, published_at, closed_at, updated_at)
         SELECT q.id, q.holder, q.origin, q.holder, u.unit_id, q.type,
                (CASE q.type WHEN 'QUESTION' THEN 'HD-' ELSE 'PA-' END) ||
                  upper(substr(md5(q.q::text), 1, 4) || '-' || substr(md5(q.q::text), 5, 4) || '-' ||
                        substr(md5(q.q::text), 9, 4) || '-' || substr(md5(q.q::text), 13, 4)),
                q.status, 'Nguyễn Văn ' || q.q, 'nguoihoi' || q.q || '@example.vn', NULL,
                (ARRAY['Đất đai', 'Giáo dục', 'Y tế', 'Giao thông', 'Thuế', 'Bảo hiểm'])[1 + q.q % 6], NULL,
                'Xin hỏi về thủ tục số ' || q.q || '.',
                CASE WHEN q.status = 'PUBLISHED' THEN 'Xin hỏi về thủ tục số ' || q.q || '.' END,
                CASE WHEN q.answered_at IS NOT NULL THEN 'Trả lời câu hỏi số ' || q.q || '.' END,
                CASE WHEN q.status = 'OUT_OF_SCOPE' THEN 'Câu hỏi không thuộc thẩm quyền của cơ quan.' END,
                q.received_at, q.received_at + CASE WHEN q.holder <> q.origin THEN interval '1 day' ELSE interval '0' END,
                q.received_at + interval '2 days',
                CASE WHEN q.status = 'OUT_OF_SCOPE' THEN q.received_at + interval '5 days' END,
                CASE WHEN q.status <> 'OUT_OF_SCOPE' THEN q.received_at + interval '21 days' END,
                NULL, NULL, q.routed_at, q.answered_at,
                CASE WHEN q.status = 'PUBLISHED' THEN q.answered_at + interval '1 day' END,
                CASE WHEN q.status = 'PUBLISHED' THEN q.answered_at + interval '1 day'
                     WHEN q.status = 'OUT_OF_SCOPE' THEN q.received_at + interval '1 day' END,
                coalesce(q.answered_at + interval '1 day', q.routed_at, q.received_at)
           FROM bench_q q JOIN bench_units u ON u.tenant_id = q.holder AND u.k = q.q % 2`,
      );
      await db.query(
        `INSERT INTO question_events (tenant_id, question_id, action, from_status, to_status, actor_account_id, note, detail, at)
         SELECT e.tenant_id, q.id, e.action, e.from_status, e.to_status, e.actor, NULL, NULL, e.at
           FROM bench_q q JOIN bench_actors h ON h.tenant_id = q.holder
           CROSS JOIN LATERAL (VALUES
             (1, q.origin, 'ASK', NULL, 'RECEIVED', NULL::uuid, q.received_at),
             (2, q.origin, 'FORWARD', 'RECEIVED', 'RECEIVED', q.origin_board,
                 CASE WHEN q.holder <> q.origin THEN q.received_at + interval '1 day' END),
             (3, q.holder, 'ANSWER_OUT_OF_SCOPE', 'RECEIVED', 'OUT_OF_SCOPE', h.board_id,
                 CASE WHEN q.status = 'OUT_OF_SCOPE' THEN q.received_at + interval '1 day' END),
             (4, q.holder, 'ROUTE', 'RECEIVED', 'ROUTED', h.board_id, q.routed_at),
             (5, q.holder, 'DRAFT_ANSWER', 'ROUTED', 'ANSWERED', $1::uuid, q.answered_at),
             (6, q.holder, 'APPROVE', 'ANSWERED', 'APPROVED', h.board_id,
                 CASE WHEN q.status = 'PUBLISHED' THEN q.answered_at + interval '20 hours' END),
             (7, q.holder, 'PUBLISH', 'APPROVED', 'PUBLISHED', h.board_id,
                 CASE WHEN q.status = 'PUBLISHED' THEN q.answered_at + interval '1 day' END)
           ) e(ord, tenant_id, action, from_status, to_status, actor, at)
          WHERE e.at IS NOT NULL
          ORDER BY q.q, e.ord`,
        [author],
      );
      await db.query(`DROP TABLE bench_q`);
    });

    await step(`ratings (${num(options.ratings)})`, async () => {
      const [{ portals }] = await db.query(`SELECT count(*)::int AS portals FROM bench_actors`);
      const days = Math.floor(options.span / 86_400);
      await db.query(
        `INSERT INTO portal_ratings (id, tenant_id, score_interface, score_content, score_quality, score_support,
                                     address_hash, rated_on, created_at)
         SELECT gen_random_uuid(), a.tenant_id, 2 + r % 4, 1 + (r * 3) % 5, 3 + (r * 7) % 3, 2 + (r * 11) % 4,
                md5('dia-chi-' || r), d.day, d.day + time '09:00' + make_interval(mins => r % 600)
           FROM generate_series(1, $1::int) r JOIN bench_actors a ON a.n = r % $2
           CROSS JOIN LATERAL (SELECT ((${options.end} - interval '1 second') AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                                      - ((r::bigint * 7919) % $3)::int AS day) d`,
        [options.ratings, portals, days],
      );
    });

    await step('refused and pushed-down syndications', async () => {
      await db.query(
        `INSERT INTO syndications (id, item_id, source_tenant_id, target_tenant_id, direction, state, category_id, slug,
                                   proposed_by, proposed_at, decided_by, decided_at, reason, placed_at, updated_at)
         SELECT gen_random_uuid(), b.item_id, b.tenant_id, b.parent_id, 'UP', 'REFUSED', p.news_id, NULL,
                $1, b.published_at + interval '1 hour', p.board_id, b.published_at + interval '5 hours',
                'Không phù hợp chuyên mục của cổng cấp trên', NULL, b.published_at + interval '5 hours'
           FROM bench_items b JOIN bench_actors p ON p.tenant_id = b.parent_id
          WHERE b.g % 200 = 30`,
        [author],
      );
      await db.query(
        `INSERT INTO syndications (id, item_id, source_tenant_id, target_tenant_id, direction, state, category_id, slug,
                                   proposed_by, proposed_at, decided_by, decided_at, placed_at, updated_at)
         SELECT gen_random_uuid(), b.item_id, b.tenant_id, c.tenant_id, 'DOWN', 'ACCEPTED', c.news_id, 'tin-' || b.g,
                b.board_id, b.published_at + interval '1 hour', b.board_id, b.published_at + interval '2 hours',
                b.published_at + interval '2 hours', b.published_at + interval '2 hours'
           FROM bench_items b JOIN bench_actors c ON c.parent_id = b.tenant_id
          WHERE b.parent_id IS NULL AND b.g % 40 = 5`,
      );
    });
  } finally {
    if (fkChecksOff) await db.query(`SET session_replication_role = DEFAULT`);
  }
  return { steps, fkChecksOff };
}
