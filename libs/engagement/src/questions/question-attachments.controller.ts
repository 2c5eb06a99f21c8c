import { rm } from 'node:fs/promises';
import { Controller, Get, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ATTACHMENT_SETTINGS,
  AttachmentSettings,
  MULTIPART_OVERHEAD_BYTES,
  contentDisposition,
  fileTooLarge,
  receiveUpload,
} from '@portal/content';
import {
  Authenticated,
  Ctx,
  IDEMPOTENCY_FIELD,
  IdempotencyService,
  NotFoundError,
  Public,
  RequestContext,
  idempotencyKeyOf,
  inputError,
  ok,
} from '@portal/platform';
import { PublicWriteGuard, RateLimitedError } from '../abuse/public-write-guard';
import { QuestionsService } from './questions.service';
import { QUESTION_ATTACHMENT_MAX_BYTES, QuestionAttachmentsService } from './question-attachments.service';
import { EngagementErrorCode } from '../errors/engagement-error-code';

/**
 * `POST /questions/attachments` (multipart: `file`, and the proof fields `website`, `challengeToken`,
 * `challengeAnswer`) takes a citizen's file for a question about to be asked; the answer's `id` goes
 * into `askQuestion(input: { attachmentId })`. `GET /questions/:id/attachment` gives it to an officer
 * who may read the question. Plain HTTP, as files do not belong in GraphQL bodies.
 */
@Controller('questions')
export class QuestionAttachmentsController {
  private readonly logger = new Logger('QuestionAttachments');

  constructor(
    private readonly files: QuestionAttachmentsService,
    private readonly questions: QuestionsService,
    private readonly guard: PublicWriteGuard,
    @Inject(ATTACHMENT_SETTINGS) private readonly settings: AttachmentSettings,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post('attachments')
  @Public()
  async upload(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    ctx.requireTenant();
    // An address over its limit is refused before its body is read.
    const refusal = await this.guard.addressRefusalSeconds(ctx.ip ?? 'unknown');
    const maxBytes = Math.min(QUESTION_ATTACHMENT_MAX_BYTES, this.settings.maxBytes);
    const declared = Number(req.headers['content-length']);
    if (refusal !== null || (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD_BYTES)) {
      req.resume();
      if (refusal !== null) {
        res.setHeader('Retry-After', String(refusal));
        throw new RateLimitedError(refusal);
      }
      throw fileTooLarge(maxBytes);
    }
    let received;
    try {
      received = await receiveUpload(req, {
        maxBytes,
        tmpDir: this.settings.tmpDir,
        fileField: 'file',
        fields: ['website', 'challengeToken', 'challengeAnswer', IDEMPOTENCY_FIELD],
      });
    } catch (error) {
      req.resume();
      throw error;
    }
    const { file, fields } = received;
    if (!file)
      throw inputError(
        EngagementErrorCode.FILE_REQUIRED,
        'file',
        'Cần gửi một tệp trong trường "file".',
        'Send one file in the field "file".',
      );
    try {
      // A form's resend (or a client's retry) with the same key gets the same attachment id.
      const { [IDEMPOTENCY_FIELD]: formKey, ...proof } = fields;
      const key = idempotencyKeyOf({ headers: req.headers, body: { [IDEMPOTENCY_FIELD]: formKey } });
      const request = { sha256: file.sha256, size: file.size, name: file.clientName };
      const saved = await this.idempotency.run(
        ctx,
        { operation: 'questionAttachment', key, request },
        async (tx) => ok(await this.files.receive(tx, file, proof)),
      );
      if (!saved.ok) throw saved.error;
      res.status(201).json(saved.value);
    } catch (error) {
      if (error instanceof RateLimitedError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    } finally {
      await rm(file.path, { force: true });
    }
  }

  @Get(':id/attachment')
  @Authenticated()
  async download(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    // Whoever may read the question (NOT_FOUND otherwise, as for a question that does not exist).
    const { question } = await this.questions.view(ctx, id);
    const attachment = await this.files.of(ctx, question.id);
    if (!attachment) throw new NotFoundError('Attachment');
    const stream = await this.files.open(attachment);
    res.status(200);
    res.setHeader('Content-Type', attachment.mediaType);
    res.setHeader('Content-Length', attachment.size);
    res.setHeader('Content-Disposition', contentDisposition(attachment.fileName));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    stream.on('error', (error) => {
      this.logger.error(`question attachment ${attachment.id}: ${error.message}`);
      res.destroy(error);
    });
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }
}
