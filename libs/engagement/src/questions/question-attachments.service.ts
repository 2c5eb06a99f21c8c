import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { AttachmentsService, ReceivedFile } from '@portal/content';
import { RequestContext, TransactionRunner, inputError, isUuid } from '@portal/platform';
import { PublicWriteGuard, PublicWriteProof } from '../abuse/public-write-guard';
import { QuestionAttachmentEntity } from './question-attachment.entity';
import { QuestionClock } from './question-clock';
import { EngagementErrorCode } from '../errors/engagement-error-code';

/** Largest file a citizen may send with a question. */
export const QUESTION_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** How long a sent file waits for its question. */
const CLAIM_WITHIN_MS = 60 * 60 * 1000;

export interface QuestionAttachmentView {
  id: string;
  fileName: string;
  size: number;
  mediaType: string;
}

export const attachmentView = (a: QuestionAttachmentEntity): QuestionAttachmentView => ({
  id: a.id,
  fileName: a.fileName,
  size: Number(a.size),
  mediaType: a.mediaType,
});

/**
 * The optional file of a question. It is sent first (behind the public write gate, typed by its
 * content like every attachment, the bytes in the shared store), then named by `askQuestion` within
 * the hour on the same portal; only officers who may read the question download it.
 */
@Injectable()
export class QuestionAttachmentsService {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly guard: PublicWriteGuard,
    private readonly tx: TransactionRunner,
    private readonly clock: QuestionClock,
  ) {}

  async receive(
    ctx: RequestContext,
    file: ReceivedFile,
    proof: PublicWriteProof,
  ): Promise<QuestionAttachmentView> {
    await this.guard.admit(ctx, proof);
    const tenant = ctx.requireTenant();
    const stored = await this.attachments.storeFile(file, await this.attachments.typeOf(file));
    const row = Object.assign(new QuestionAttachmentEntity(), {
      id: randomUUID(),
      tenantId: tenant.id,
      questionId: null,
      ...stored,
      size: String(stored.size),
      createdAt: this.clock.now(),
    });
    await this.tx.manager(ctx).insert(QuestionAttachmentEntity, row);
    return attachmentView(row);
  }

  /** Gives a sent file to a new question (same portal, not yet claimed, sent within the hour). */
  async claim(m: EntityManager, tenantId: string, attachmentId: string, questionId: string): Promise<void> {
    const row = isUuid(attachmentId)
      ? await m.findOneBy(QuestionAttachmentEntity, { id: attachmentId, tenantId, questionId: IsNull() })
      : null;
    if (!row || this.clock.now().getTime() - row.createdAt.getTime() > CLAIM_WITHIN_MS)
      throw inputError(
        EngagementErrorCode.ATTACHMENT_NOT_FOUND,
        'attachmentId',
        'Không tìm thấy tệp đính kèm vừa gửi (hoặc tệp đã được dùng, đã quá một giờ).',
        'The file sent for this question was not found (or was used already, or is over an hour old).',
      );
    await m.update(QuestionAttachmentEntity, { id: row.id }, { questionId });
  }

  of(ctx: RequestContext, questionId: string): Promise<QuestionAttachmentEntity | null> {
    return this.tx.manager(ctx).findOneBy(QuestionAttachmentEntity, { questionId });
  }

  open(attachment: QuestionAttachmentEntity): Promise<Readable> {
    return this.attachments.openBlob(attachment.sha256);
  }
}
