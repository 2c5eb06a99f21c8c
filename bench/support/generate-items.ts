import { DataSource } from 'typeorm';
import { num } from './report';

/** Words of the generated titles and bodies (queries are built from them). */
export const BENCH_WORDS = [
  'kế hoạch',
  'thông báo',
  'triển khai',
  'chuyển đổi số',
  'cải cách hành chính',
  'giáo dục',
  'y tế',
  'đầu tư',
  'xây dựng',
  'môi trường',
  'an ninh',
  'văn hóa',
  'du lịch',
  'nông nghiệp',
  'giao thông',
  'đất đai',
  'thuế',
  'bảo hiểm',
  'lao động',
  'việc làm',
];

/**
 * Generates `total` live items (one revision each) in SQL, in chunks of 200,000. For each chunk
 * `select(from, to)` returns a query (and its parameters) yielding one row per item number g with
 * the columns g, item_id, rev_id, tenant_id, category_id, kind, published_at and pinned; the items
 * get the slug `tin-<g>` and a title, summary and body made of BENCH_WORDS chosen by g.
 */
export async function generateItems(
  ds: DataSource,
  options: {
    total: number;
    authorId: string;
    select: (from: number, to: number) => { sql: string; params: unknown[] };
  },
): Promise<void> {
  const words = `ARRAY[${BENCH_WORDS.map((w) => `'${w}'`).join(',')}]`;
  const chunk = 200_000;
  for (let from = 1; from <= options.total; from += chunk) {
    const to = Math.min(options.total, from + chunk - 1);
    const t0 = performance.now();
    const { sql, params } = options.select(from, to);
    await ds.query(`CREATE TEMP TABLE bench_gen AS ${sql}`, params);
    await ds.query(
      `INSERT INTO content_items (id, tenant_id, kind, category_id, language, slug, created_by, created_at, updated_at, published_at, pinned)
       SELECT item_id, tenant_id, kind, category_id, 'vi', 'tin-' || g, $1, now(), now(), published_at, pinned FROM bench_gen`,
      [options.authorId],
    );
    await ds.query(
      `INSERT INTO content_revisions (id, item_id, tenant_id, number, title, summary, body_html, body_text, fields, author_name, source, created_by, created_at)
       SELECT rev_id, item_id, tenant_id, 1,
              initcap(w[1 + g % 20]) || ' ' || w[1 + (g / 20) % 20] || ' năm ' || (2000 + g % 27) || ' số ' || g,
              'Tóm tắt về ' || w[1 + (g / 7) % 20],
              '<p>Nội dung về ' || w[1 + (g / 3) % 20] || ' và ' || w[1 + (g / 11) % 20] || '.</p>',
              'Nội dung về ' || w[1 + (g / 3) % 20] || ' và ' || w[1 + (g / 11) % 20] || '.',
              '{}', 'Ban biên tập', 'Cổng thông tin', $1, now()
         FROM bench_gen, (SELECT ${words} AS w) words`,
      [options.authorId],
    );
    await ds.query(
      `UPDATE content_items i SET live_revision_id = b.rev_id FROM bench_gen b WHERE i.id = b.item_id`,
    );
    await ds.query('DROP TABLE bench_gen');
    process.stdout.write(
      `  generated items ${num(from)}–${num(to)} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );
  }
}
