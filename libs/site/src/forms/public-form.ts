import { Inject, Injectable } from '@nestjs/common';
import {
  CHALLENGE_VERIFIER,
  ChallengeVerifier,
  PublicWriteProof,
  RateLimitedError,
} from '@portal/engagement';
import { DomainError, IdempotencyService, RequestContext, Result } from '@portal/platform';
import type { FieldErrors, FormChallenge } from '../components/form-parts';
import type { SiteLocale } from '../render/locale';

/**
 * What every public form of the website shares with the API's public writes: the same challenge
 * (issued with the form, checked by the service's gate), the honeypot field, and errors turned
 * into the form's field messages.
 */
@Injectable()
export class PublicFormSupport {
  constructor(
    @Inject(CHALLENGE_VERIFIER) private readonly challenges: ChallengeVerifier,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * Runs a form's write once per form instance: every form carries a fresh `idempotencyKey` (see
   * WriteChecks), so a browser that sends the same form again after a lost answer (a reload of the
   * POST, a retry) gets the first answer and nothing is stored twice.
   */
  once<T>(
    ctx: RequestContext,
    form: Record<string, string>,
    operation: string,
    request: unknown,
    work: (tx: RequestContext) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    return this.idempotency.run(
      ctx,
      { operation: `site.${operation}`, key: form.idempotencyKey || null, request },
      work,
    );
  }

  challenge(locale: SiteLocale): FormChallenge | null {
    const issued = this.challenges.issue();
    return issued
      ? { token: issued.token, prompt: locale === 'en' ? issued.promptEn : issued.promptVi }
      : null;
  }

  proof(form: Record<string, string>): PublicWriteProof {
    return {
      website: form.website ?? '',
      challengeToken: form.challengeToken ?? null,
      challengeAnswer: form.challengeAnswer ?? null,
    };
  }
}

/**
 * A refused write as the form's errors: the field the service named (renamed where the form calls
 * it otherwise), or the form as a whole (`_form`).
 */
export function formErrors(
  error: unknown,
  locale: SiteLocale,
  rename: Record<string, string> = {},
): { errors: FieldErrors; status: number } {
  if (error instanceof RateLimitedError)
    return {
      status: 429,
      errors: {
        _form:
          locale === 'en'
            ? `Too many submissions from your connection; please try again in ${error.retryAfterSeconds} seconds.`
            : `Bạn đã gửi quá nhiều lần; vui lòng thử lại sau ${error.retryAfterSeconds} giây.`,
      },
    };
  if (error instanceof DomainError && error.httpStatus === 400) {
    const field = error.field ? (rename[error.field] ?? error.field) : '_form';
    return { status: 400, errors: { [field]: locale === 'en' ? error.text.en : error.text.vi } };
  }
  throw error;
}
