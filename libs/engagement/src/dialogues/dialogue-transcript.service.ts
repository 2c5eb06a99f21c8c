import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import { ContentKind, ContentLifecycleEvent, ContentService, plainText } from '@portal/content';
import { EditorialService } from '@portal/editorial';
import { RequestContext } from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { vietnamDate } from '../consultations/engagement-clock';
import { DIALOGUE_WORKFLOW, DialogueAction } from './dialogue-state';
import { transcriptHtml } from './dialogue-transcript';
import { DialogueSessionEntity, DialogueState } from './dialogue.entity';
import { DialogueRepository } from './dialogue.repository';

/**
 * A session's transcript: written as a draft item of the portal when the session ends (the caller
 * its writer), it goes through the editorial workflow like any item; its publication marks the
 * session TRANSCRIPT_PUBLISHED.
 */
@Injectable()
export class DialogueTranscriptService implements OnModuleInit {
  constructor(
    private readonly repo: DialogueRepository,
    private readonly editorial: EditorialService,
    private readonly content: ContentService,
    private readonly routing: HostRoutingService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.content.onLifecycle((tx, event) => this.follow(tx, event));
  }

  /** The transcript item's publication (by the workflow, in its transaction) moves the session on. */
  private async follow(tx: RequestContext, event: ContentLifecycleEvent): Promise<void> {
    if (event.type !== 'published') return;
    const session = await this.repo.sessionByTranscript(tx, event.item.id);
    if (!session || !DIALOGUE_WORKFLOW.step(DialogueAction.PUBLISH_TRANSCRIPT, session.state)) return;
    const to = DialogueState.TRANSCRIPT_PUBLISHED;
    if (!(await this.repo.updateSession(tx, session.id, session.state, { state: to, updatedAt: event.at })))
      return;
    await this.audit.record(tx, {
      tenantId: session.tenantId,
      action: 'dialogue.transcriptPublished',
      subjectType: 'Dialogue',
      subjectId: session.id,
      before: { state: session.state },
      after: { state: to, transcriptItemId: session.transcriptItemId },
    });
  }

  /** Writes the transcript of an ending session as a draft item of its portal; answers its id. */
  async write(tx: RequestContext, session: DialogueSessionEntity): Promise<string> {
    const all = await this.repo.guests(tx, [session.id], true);
    const answered = await this.repo.answered(tx, [session.id]);
    const portal = this.routing.tenant(session.tenantId)!;
    const made = await this.editorial.create(tx, {
      tenantId: session.tenantId,
      kind: ContentKind.NEWS,
      categoryId: null,
      title: `Giao lưu trực tuyến: ${session.titleVi}`.slice(0, 300),
      summary: plainText(session.topicVi).slice(0, 500),
      bodyHtml: transcriptHtml(
        session,
        all.filter((g) => !g.removedAt),
        answered,
        all,
      ),
      fields: { eventDate: vietnamDate(session.startedAt ?? session.startsAt) },
      authorName: 'Ban Biên tập',
      source: portal.nameVi,
    });
    if (!made.ok) throw made.error;
    return made.value.item.id;
  }
}
