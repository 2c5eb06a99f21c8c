import { existsSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import type { Ack } from './load-types';

export interface AckCheck {
  acknowledged: Record<Ack['op'], number>;
  missing: string[];
}

/**
 * Every write the load client saw acknowledged (a mutation that answered success: the ids it
 * returned, one JSON line each in `ackFile`) must be in the database: created items and their
 * revision, edited revisions, each workflow step as a workflow event of that item, revision and
 * action, each question by its tracking code. Returns the counts and what is missing.
 */
export async function checkAcknowledgedWrites(url: string, ackFile: string): Promise<AckCheck> {
  const acks: Ack[] = existsSync(ackFile)
    ? readFileSync(ackFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Ack)
    : [];
  const acknowledged: AckCheck['acknowledged'] = { create: 0, edit: 0, transition: 0, ask: 0 };
  for (const a of acks) acknowledged[a.op]++;
  const db = new Client({ connectionString: url });
  await db.connect();
  const missing: string[] = [];
  try {
    const set = async (sql: string, params: unknown[]) =>
      new Set((await db.query(sql, params)).rows.map((r: { k: string }) => r.k));
    const items = await set('SELECT id::text AS k FROM content_items WHERE id = ANY($1::uuid[])', [
      acks.filter((a) => a.op === 'create').map((a) => a.itemId),
    ]);
    const revisions = await set('SELECT id::text AS k FROM content_revisions WHERE id = ANY($1::uuid[])', [
      acks.filter((a) => a.revisionId).map((a) => a.revisionId),
    ]);
    const steps = await set(
      `SELECT item_id || '/' || revision_id || '/' || action AS k FROM workflow_events WHERE item_id = ANY($1::uuid[])`,
      [[...new Set(acks.filter((a) => a.op === 'transition').map((a) => a.itemId))]],
    );
    const questions = await set(
      'SELECT tracking_code AS k FROM questions WHERE tracking_code = ANY($1::text[])',
      [acks.filter((a) => a.op === 'ask').map((a) => a.trackingCode)],
    );
    for (const a of acks) {
      if (a.op === 'create' && !items.has(a.itemId!)) missing.push(`item ${a.itemId} (created)`);
      if ((a.op === 'create' || a.op === 'edit') && !revisions.has(a.revisionId!))
        missing.push(`revision ${a.revisionId} of item ${a.itemId} (${a.op})`);
      if (a.op === 'transition' && !steps.has(`${a.itemId}/${a.revisionId}/${a.action}`))
        missing.push(`${a.action} of item ${a.itemId} revision ${a.revisionId}`);
      if (a.op === 'ask' && !questions.has(a.trackingCode!)) missing.push(`question ${a.trackingCode}`);
    }
  } finally {
    await db.end();
  }
  return { acknowledged, missing };
}
