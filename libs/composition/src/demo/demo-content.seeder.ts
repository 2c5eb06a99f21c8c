import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AbilityFactory, Role, RoleAssignmentService, RoleScope } from '@portal/access';
import { AttachmentsService, ContentKind } from '@portal/content';
import { EditorialService, WorkflowAction } from '@portal/editorial';
import {
  CHALLENGE_VERIFIER,
  ChallengeVerifier,
  ModerationAction,
  ModerationService,
  PublicQuestionsService,
  PublicWriteProof,
  QuestionType,
  QuestionUnitsService,
  QuestionsService,
  ConsultationService,
} from '@portal/engagement';
import { AccountService } from '@portal/identity';
import { NO_ABILITY, RequestContext, Result, systemContext } from '@portal/platform';
import { HostRoutingService, RoutedTenant } from '@portal/tenancy';
import { CLOSED_CONSULTATION_SUMMARY, DemoItem, DemoPortal, demoPortals } from './demo-content.data';
import { drawPicture, simplePdf } from './demo-images';

function must<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`demo content, ${what}: ${result.error.text.en}`);
  return result.value;
}

/**
 * The demo portals' published content (embedded default only), made through the same services an
 * editor and a citizen use: each item is written by a board member, submitted, reviewed, approved
 * by the board head and published; questions are asked through the public write gate (challenge
 * answered), routed, answered, approved and published; comments on the open draft are sent and
 * published by the board. Idempotent: an item whose address exists, or a question whose topic
 * exists, on its portal is left alone.
 */
@Injectable()
export class DemoContentSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly dataSource: DataSource,
    private readonly routing: HostRoutingService,
    private readonly accounts: AccountService,
    private readonly roles: RoleAssignmentService,
    private readonly abilities: AbilityFactory,
    private readonly editorial: EditorialService,
    private readonly attachments: AttachmentsService,
    private readonly publicQuestions: PublicQuestionsService,
    private readonly questions: QuestionsService,
    private readonly units: QuestionUnitsService,
    private readonly consultations: ConsultationService,
    private readonly moderation: ModerationService,
    @Inject(CHALLENGE_VERIFIER) private readonly challenge: ChallengeVerifier,
  ) {}

  /** Seeds what is missing; returns how many items and questions it created. */
  async seed(now = new Date()): Promise<{ items: number; questions: number }> {
    const counts = { items: 0, questions: 0 };
    const password = process.env.DEMO_PASSWORD ?? 'demo-password-2026';
    const files = mkdtempSync(join(tmpdir(), 'portal-demo-'));
    try {
      for (const portal of demoPortals(now)) {
        const resolved = this.routing.resolve(portal.host);
        if (resolved.type !== 'serve') continue;
        const tenant = resolved.tenant;
        const writer = await this.editor(
          tenant,
          `${portal.label}.bientap`,
          'Biên tập viên',
          Role.BOARD_MEMBER,
          password,
        );
        const head = await this.editor(
          tenant,
          `${portal.label}.truongban`,
          'Trưởng Ban Biên tập',
          Role.BOARD_HEAD,
          password,
        );
        const bySlug = new Map<string, string>();
        for (const item of portal.items) {
          const created = await this.item(tenant, writer, head, item, bySlug, files);
          if (created) counts.items++;
        }
        counts.questions += await this.questionsOf(tenant, portal);
        await this.comments(tenant, portal, bySlug);
      }
    } finally {
      rmSync(files, { recursive: true, force: true });
    }
    if (counts.items || counts.questions)
      this.logger.log(`demo content: ${counts.items} items and ${counts.questions} questions published`);
    return counts;
  }

  /** A demo editor of the portal (made once) and a context acting as them on it. */
  private async editor(
    tenant: RoutedTenant,
    username: string,
    displayName: string,
    role: Role,
    password: string,
  ): Promise<RequestContext> {
    const sys = systemContext('demo-content');
    const [existing] = await this.dataSource.query(`SELECT id FROM accounts WHERE username = $1`, [username]);
    let accountId: string = existing?.id;
    if (!accountId) {
      const created = must(
        await this.accounts.create(sys, { tenantId: tenant.id, username, displayName, password }),
        `account ${username}`,
      );
      accountId = created.id;
      await this.roles.grant(sys, { accountId, tenantId: tenant.id, role, scope: RoleScope.TENANT });
    }
    const actor = {
      type: 'account' as const,
      accountId,
      username,
      sessionId: 'demo-seed',
      isPlatformAdmin: false,
    };
    return new RequestContext({
      requestId: `demo-${randomUUID()}`,
      tenant,
      actor,
      ability: await this.abilities.forActor(actor),
      locale: 'vi',
    });
  }

  private async item(
    tenant: RoutedTenant,
    writer: RequestContext,
    head: RequestContext,
    demo: DemoItem,
    bySlug: Map<string, string>,
    files: string,
  ): Promise<boolean> {
    const language = demo.language ?? 'vi';
    const [existing] = await this.dataSource.query(
      `SELECT id FROM content_items WHERE tenant_id = $1 AND language = $2 AND slug = $3`,
      [tenant.id, language, demo.slug],
    );
    if (existing) {
      bySlug.set(demo.slug, existing.id);
      return false;
    }
    const [category] = await this.dataSource.query(
      `SELECT id FROM categories WHERE tenant_id = $1 AND slug = $2 ORDER BY parent_id NULLS FIRST LIMIT 1`,
      [tenant.id, demo.category],
    );
    if (!category) return false; // this portal's template has no such section
    const revision = {
      title: demo.title,
      summary: demo.summary ?? null,
      bodyHtml: demo.bodyHtml,
      fields: demo.fields ?? {},
      authorName: demo.authorName ?? 'Ban Biên tập',
      source: demo.source ?? tenant.nameVi,
    };
    const view = must(
      await this.editorial.create(writer, {
        tenantId: tenant.id,
        kind: demo.kind as ContentKind,
        categoryId: category.id,
        language,
        slug: demo.slug,
        translationOf: demo.translationOf ? (bySlug.get(demo.translationOf) ?? null) : null,
        ...revision,
      }),
      demo.slug,
    );
    const id = view.item.id;
    bySlug.set(demo.slug, id);
    let bodyHtml = demo.bodyHtml;
    if (demo.picture) {
      const file = await this.attach(writer, files, `${demo.slug}.png`, drawPicture(demo.picture), id);
      bodyHtml = `<p><img src="/attachments/${file}" alt="${demo.picture.alt}" width="640" height="360"></p>${bodyHtml}`;
    }
    if (demo.pdf) {
      const file = await this.attach(writer, files, `${demo.slug}.pdf`, simplePdf(demo.pdf), id);
      bodyHtml += `<p><a href="/attachments/${file}">Tải toàn văn (PDF)</a></p>`;
    }
    if (bodyHtml !== demo.bodyHtml)
      must(await this.editorial.edit(writer, id, { ...revision, bodyHtml }), demo.slug);
    for (const [ctx, action] of [
      [writer, WorkflowAction.SUBMIT],
      [writer, WorkflowAction.TAKE_FOR_REVIEW],
      [head, WorkflowAction.APPROVE],
      [writer, WorkflowAction.PUBLISH],
    ] as const)
      must(await this.editorial.transition(ctx, id, action), `${demo.slug} ${action}`);
    if (demo.pinned) must(await this.editorial.setPinned(writer, id, true), `${demo.slug} pin`);
    return true;
  }

  private async attach(ctx: RequestContext, dir: string, name: string, bytes: Buffer, itemId: string) {
    const path = join(dir, randomUUID());
    writeFileSync(path, bytes);
    const file = {
      path,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      clientName: name,
    };
    return (await this.attachments.accept(ctx, file, itemId)).id;
  }

  /** A citizen's proof for the public write gate: the honeypot left empty, the sum answered. */
  private proof(): PublicWriteProof {
    const issued = this.challenge.issue();
    if (!issued) return { website: '' };
    const [, a, b] = /(\d+) plus (\d+)/.exec(issued.promptEn) ?? [];
    return { website: '', challengeToken: issued.token, challengeAnswer: String(Number(a) + Number(b)) };
  }

  /** A citizen's context on the portal, from a documentation address (RFC 5737), one per write. */
  private citizen(tenant: RoutedTenant, n: number): RequestContext {
    return new RequestContext({
      requestId: `demo-${randomUUID()}`,
      tenant,
      actor: { type: 'anonymous' },
      ability: NO_ABILITY(),
      locale: 'vi',
      ip: `192.0.2.${(n % 250) + 1}`,
    });
  }

  private async questionsOf(tenant: RoutedTenant, portal: DemoPortal): Promise<number> {
    let made = 0;
    const sys = systemContext('demo-content').withTenant(tenant);
    for (const [n, q] of portal.questions.entries()) {
      const [existing] = await this.dataSource.query(
        `SELECT 1 FROM questions WHERE tenant_id = $1 AND topic = $2`,
        [tenant.id, q.topic],
      );
      if (existing) continue;
      const receipt = must(
        await this.publicQuestions.ask(
          this.citizen(tenant, n),
          {
            type: QuestionType.QUESTION,
            name: q.name,
            email: `nguoidan${n + 1}@example.vn`,
            topic: q.topic,
            text: q.text,
          },
          this.proof(),
        ),
        `question ${q.topic}`,
      );
      made++;
      if (!q.answer) continue;
      const [{ id }] = await this.dataSource.query(`SELECT id FROM questions WHERE tracking_code = $1`, [
        receipt.trackingCode,
      ]);
      const unit = await this.unit(sys, tenant);
      must(await this.questions.route(sys, id, { unitId: unit }), `route ${q.topic}`);
      must(await this.questions.draftAnswer(sys, id, q.answer), `answer ${q.topic}`);
      must(await this.questions.approve(sys, id), `approve ${q.topic}`);
      must(await this.questions.publish(sys, id), `publish ${q.topic}`);
    }
    return made;
  }

  /** The portal's answering unit (its office), made once. */
  private async unit(sys: RequestContext, tenant: RoutedTenant): Promise<string> {
    const existing = await this.units.list(sys, tenant.id);
    if (existing.length) return existing[0].unit.id;
    return must(
      await this.units.create(sys, {
        tenantId: tenant.id,
        name: 'Văn phòng (bộ phận trả lời)',
        memberAccountIds: [],
      }),
      'unit',
    ).unit.id;
  }

  private async comments(
    tenant: RoutedTenant,
    portal: DemoPortal,
    bySlug: Map<string, string>,
  ): Promise<void> {
    const sys = systemContext('demo-content').withTenant(tenant);
    const open = portal.items.find(
      (i) =>
        i.kind === 'DRAFT_DOCUMENT' &&
        i.fields?.commentClosesAt &&
        new Date(String(i.fields.commentClosesAt)) > new Date(),
    );
    const itemId = open ? bySlug.get(open.slug) : undefined;
    if (open && itemId && portal.comments?.length) {
      const [{ n }] = await this.dataSource.query(
        `SELECT count(*)::int AS n FROM draft_comments WHERE item_id = $1`,
        [itemId],
      );
      if (n === 0)
        for (const [i, c] of portal.comments.entries()) {
          const row = must(
            await this.consultations.comment(this.citizen(tenant, 100 + i), {
              itemId,
              ...c,
              proof: this.proof(),
            }),
            `comment on ${open.slug}`,
          );
          must(await this.moderation.moderate(sys, row.id, ModerationAction.PUBLISH), 'publish comment');
        }
    }
    const closed = portal.items.find((i) => i.kind === 'DRAFT_DOCUMENT' && i !== open);
    const closedId = closed ? bySlug.get(closed.slug) : undefined;
    if (closedId) {
      const [summary] = await this.dataSource.query(
        `SELECT 1 FROM consultation_summaries WHERE item_id = $1`,
        [closedId],
      );
      if (!summary)
        must(await this.moderation.publishSummary(sys, closedId, CLOSED_CONSULTATION_SUMMARY), 'summary');
    }
  }
}
