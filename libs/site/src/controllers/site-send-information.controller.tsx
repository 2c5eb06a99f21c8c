import { rm } from 'node:fs/promises';
import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ATTACHMENT_SETTINGS,
  type AttachmentSettings,
  MULTIPART_OVERHEAD_BYTES,
  type ReceivedFile,
  fileTooLarge,
  receiveUpload,
} from '@portal/content';
import {
  PublicWriteGuard,
  RateLimitedError,
  SENT_INFORMATION_MAX_BYTES,
  SentInformationService,
} from '@portal/engagement';
import { Ctx, DomainError, IDEMPOTENCY_FIELD, Public, RequestContext } from '@portal/platform';
import type { FieldErrors } from '../components/form-parts';
import { queryText, readForm } from '../forms/form-body';
import { PublicFormSupport, formErrors } from '../forms/public-form';
import {
  SEND_PATHS,
  SendInformationPage,
  SentPage,
  SentTrackPage,
  type SendValues,
} from '../pages/send-information.page';
import { localePath, t, type SiteLocale } from '../render/locale';
import { SiteChromeService } from '../render/site-chrome.service';
import { sendPage } from '../render/site-responder';
import { SITE_PATHS } from '../render/site-paths';

const TEXT_FIELDS = [
  'name',
  'organisation',
  'position',
  'email',
  'phone',
  'address',
  'title',
  'body',
] as const;
const FORM_FIELDS = [...TEXT_FIELDS, 'website', 'challengeToken', 'challengeAnswer', IDEMPOTENCY_FIELD];

/**
 * Information sent by organisations and people on the website (05/2024/QĐ-UBND art. 14.2): the form
 * (multipart, with an optional file; a plain form works too), POST → 303 → the receipt with the
 * tracking code, and the status by code, through the same service and write gate as the API.
 */
@Controller()
export class SiteSendInformationController {
  constructor(
    private readonly chrome: SiteChromeService,
    private readonly sent: SentInformationService,
    private readonly forms: PublicFormSupport,
    private readonly guard: PublicWriteGuard,
    @Inject(ATTACHMENT_SETTINGS) private readonly settings: AttachmentSettings,
  ) {}

  private get maxBytes(): number {
    return Math.min(SENT_INFORMATION_MAX_BYTES, this.settings.maxBytes);
  }

  @Get(SITE_PATHS.sendInformation.slice(1))
  @Public()
  async form(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    sendPage(
      req,
      res,
      <SendInformationPage
        chrome={chrome}
        values={{}}
        errors={{}}
        challenge={this.forms.challenge(chrome.locale)}
        maxFileMb={Math.round(this.maxBytes / (1024 * 1024))}
      />,
      { cache: false },
    );
  }

  @Post(SITE_PATHS.sendInformation.slice(1))
  @Public()
  async send(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const locale = chrome.locale;
    let form: Record<string, string> = {};
    let file: ReceivedFile | null = null;
    let failure: { errors: FieldErrors; status: number };
    try {
      if (/^multipart\/form-data\b/i.test(String(req.headers['content-type'] ?? ''))) {
        // An address over its limit, or a body over the file limit, is refused before it is read.
        const refusal = await this.guard.addressRefusalSeconds(ctx.ip ?? 'unknown');
        const declared = Number(req.headers['content-length']);
        if (refusal !== null) {
          req.resume();
          throw new RateLimitedError(refusal);
        }
        if (Number.isFinite(declared) && declared > this.maxBytes + MULTIPART_OVERHEAD_BYTES) {
          req.resume();
          throw fileTooLarge(this.maxBytes);
        }
        const received = await receiveUpload(req, {
          maxBytes: this.maxBytes,
          tmpDir: this.settings.tmpDir,
          fileField: 'file',
          fields: FORM_FIELDS,
          maxFieldBytes: 96 * 1024,
        });
        form = received.fields;
        file = received.file;
        // A file input left empty still sends a part: no name, no bytes.
        if (file && file.size === 0 && !file.clientName) {
          await rm(file.path, { force: true });
          file = null;
        }
      } else {
        form = await readForm(req);
      }
      const input = Object.fromEntries(TEXT_FIELDS.map((k) => [k, form[k] ?? ''])) as Record<
        (typeof TEXT_FIELDS)[number],
        string
      >;
      const request = { ...input, file: file ? { sha256: file.sha256, name: file.clientName } : null };
      const r = await this.forms.once(ctx, form, 'sendInformation', request, (tx) =>
        this.sent.send(tx, input, this.forms.proof(form), file),
      );
      if (r.ok) {
        res.redirect(
          303,
          localePath(locale, `${SEND_PATHS.sent}?ma=${encodeURIComponent(r.value.trackingCode)}`),
        );
        return;
      }
      failure = fileOrFormErrors(r.error, locale);
    } catch (e) {
      if (e instanceof RateLimitedError) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      failure = fileOrFormErrors(e, locale);
    } finally {
      if (file) await rm(file.path, { force: true });
    }
    const values = Object.fromEntries(TEXT_FIELDS.map((k) => [k, form[k]])) as SendValues;
    sendPage(
      req,
      res,
      <SendInformationPage
        chrome={chrome}
        values={values}
        errors={failure.errors}
        challenge={this.forms.challenge(locale)}
        maxFileMb={Math.round(this.maxBytes / (1024 * 1024))}
      />,
      { status: failure.status, cache: false },
    );
  }

  @Get(SEND_PATHS.sent.slice(1))
  @Public()
  async sentReceipt(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const found = await this.sent.track(ctx, queryText(req, 'ma'));
    if (!found) {
      res.redirect(303, localePath(chrome.locale, SEND_PATHS.track));
      return;
    }
    sendPage(req, res, <SentPage chrome={chrome} code={found.trackingCode} />, { cache: false });
  }

  @Get(SEND_PATHS.track.slice(1))
  @Public()
  async track(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const code = queryText(req, 'ma').trim();
    const found = code ? await this.sent.track(ctx, code) : null;
    const error =
      code && !found
        ? t(
            chrome.locale,
            'Không tìm thấy thông tin có mã số này trên cổng.',
            'No information with this code was sent to this portal.',
          )
        : undefined;
    sendPage(
      req,
      res,
      <SentTrackPage
        chrome={chrome}
        code={code}
        error={error}
        found={
          found
            ? {
                trackingCode: found.trackingCode,
                title: found.title,
                status: found.publishedSlug ? 'PUBLISHED' : found.status,
                receivedAt: found.receivedAt,
                handledAt: found.handledAt,
                declineReason: found.declineReason,
                publishedHref: found.publishedSlug
                  ? localePath(chrome.locale, SITE_PATHS.article(found.publishedSlug))
                  : null,
              }
            : null
        }
      />,
      { status: error ? 404 : 200, cache: false },
    );
  }
}

/** A refused file (too large, of a type not taken) on the file field; anything else as every form does. */
function fileOrFormErrors(error: unknown, locale: SiteLocale): { errors: FieldErrors; status: number } {
  if (error instanceof DomainError && error.field === 'file' && error.httpStatus < 500)
    return { errors: { file: locale === 'en' ? error.text.en : error.text.vi }, status: error.httpStatus };
  return formErrors(error, locale);
}
