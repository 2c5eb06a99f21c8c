import { MigrationInterface, QueryRunner } from 'typeorm';
import { isEmailAddress, isPhoneNumber, projectStatusFromText } from '../kinds/structured-text';

const RECEPTION_CATEGORY = 'lich-tiep-cong-dan';

/**
 * Fields that were free text become values, and nothing written is lost:
 * - a project's `status` text becomes one of PREPARING / IN_PROGRESS / COMPLETED / SUSPENDED where
 *   the words say which, and the text itself is kept as `statusNote` (with no status when they
 *   say none: the editor picks one on the next change);
 * - a contact's `phone` and `email` stay when they are a number and an address, and otherwise move
 *   into the new `note` with their label, so that the typed fields only hold what they say;
 * - the citizen-reception schedule, so far announcements in the "Lịch tiếp công dân" section, gets
 *   its own kind (CITIZEN_RECEPTION), its text and dates unchanged; its sessions are entered as values
 *   on the next change.
 * Every revision is rewritten (live, drafts and history), so a restored revision is valid too.
 */
export class StructuredFields1765100000200 implements MigrationInterface {
  name = 'StructuredFields1765100000200';

  async up(q: QueryRunner): Promise<void> {
    const rows: Array<{ id: string; kind: string; fields: Record<string, unknown> }> = await q.query(
      `SELECT r.id, i.kind, r.fields FROM content_revisions r JOIN content_items i ON i.id = r.item_id
        WHERE i.kind IN ('PROJECT', 'CONTACT_ENTRY')`,
    );
    for (const row of rows) {
      const next = row.kind === 'PROJECT' ? projectFields(row.fields) : contactFields(row.fields);
      if (next)
        await q.query('UPDATE content_revisions SET fields = $2::jsonb WHERE id = $1', [
          row.id,
          JSON.stringify(next),
        ]);
    }
    await q.query(
      `UPDATE content_items SET kind = 'CITIZEN_RECEPTION'
        WHERE kind = 'ANNOUNCEMENT'
          AND category_id IN (SELECT id FROM categories WHERE slug = $1)`,
      [RECEPTION_CATEGORY],
    );
    await q.query(
      `UPDATE categories SET content_kind = 'CITIZEN_RECEPTION' WHERE slug = $1 AND content_kind = 'ANNOUNCEMENT'`,
      [RECEPTION_CATEGORY],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The kinds go back; the values stay (each has its old text beside it where it had one).
    await q.query(
      `UPDATE categories SET content_kind = 'ANNOUNCEMENT' WHERE content_kind = 'CITIZEN_RECEPTION'`,
    );
    await q.query(`UPDATE content_items SET kind = 'ANNOUNCEMENT' WHERE kind = 'CITIZEN_RECEPTION'`);
  }
}

/** The project's fields with a status value and the old text as `statusNote`; null when already so. */
export function projectFields(fields: Record<string, unknown>): Record<string, unknown> | null {
  const text = fields.status;
  if (typeof text !== 'string' || projectStatusFromText(text) === text) return null;
  const rest = { ...fields };
  delete rest.status;
  const status = projectStatusFromText(text);
  const note = typeof fields.statusNote === 'string' && fields.statusNote ? fields.statusNote : text;
  return { ...rest, ...(status ? { status } : {}), statusNote: note };
}

/** The contact's fields with only a number in `phone` and an address in `email`; null when unchanged. */
export function contactFields(fields: Record<string, unknown>): Record<string, unknown> | null {
  const out: Record<string, unknown> = { ...fields };
  const moved: string[] = [];
  const phone = typeof fields.phone === 'string' ? fields.phone.replace(/\s+/g, ' ').trim() : null;
  if (phone !== null) {
    if (isPhoneNumber(phone)) out.phone = phone;
    else {
      delete out.phone;
      if (phone) moved.push(`Điện thoại: ${phone}`);
    }
  }
  const email = typeof fields.email === 'string' ? fields.email.trim() : null;
  if (email !== null) {
    if (isEmailAddress(email)) out.email = email;
    else {
      delete out.email;
      if (email) moved.push(`Thư điện tử: ${email}`);
    }
  }
  if (moved.length)
    out.note = [typeof fields.note === 'string' ? fields.note : '', ...moved].filter(Boolean).join('\n');
  return JSON.stringify(out) === JSON.stringify(fields) ? null : out;
}
