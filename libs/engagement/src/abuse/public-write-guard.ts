import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import {
  APP_CONFIG,
  AppConfig,
  DomainError,
  RequestContext,
  clientAddressKey,
  inputError,
} from '@portal/platform';
import { CHALLENGE_VERIFIER, ChallengeVerifier } from './challenge';
import { EngagementErrorCode } from '../errors/engagement-error-code';

/** What every public write carries besides its own fields. */
export interface PublicWriteProof {
  /** A field hidden from people; anything in it means a robot filled the form. */
  website?: string | null;
  challengeToken?: string | null;
  challengeAnswer?: string | null;
}

/** Too many writes: the caller should wait `retryAfterSeconds` (sent as `Retry-After`). */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      EngagementErrorCode.RATE_LIMITED,
      {
        vi: `Bạn gửi quá nhiều lần. Vui lòng thử lại sau ${retryAfterSeconds} giây.`,
        en: `Too many submissions. Please try again in ${retryAfterSeconds} seconds.`,
      },
      null,
      429,
    );
  }
}

/**
 * The gate in front of every citizen write (questions, feedback, comments, ratings), checked before
 * anything is read or written: the honeypot, the challenge, then two rate limits — per client
 * address (an IPv6 one by its /64, `clientAddressKey`) across all portals, and per portal across all addresses. The address limit is consumed
 * first, so one flooding address is cut off without using up the portal's budget: other people's
 * valid writes keep going through. Counters are in process memory (each api instance limits on its
 * own; behind N instances the effective limit is N times the setting), which costs a flood nothing
 * but a map lookup and never touches the database.
 */
@Injectable()
export class PublicWriteGuard {
  private readonly perAddress: RateLimiterMemory;
  private readonly perPortal: RateLimiterMemory;
  private readonly addressPoints: number;
  private readonly ipv6Prefix: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CHALLENGE_VERIFIER) private readonly challenge: ChallengeVerifier,
  ) {
    const { perAddress, perPortal, windowSeconds } = config.publicWrites;
    this.addressPoints = perAddress;
    this.ipv6Prefix = config.ipv6Prefix;
    this.perAddress = new RateLimiterMemory({ points: perAddress, duration: windowSeconds });
    this.perPortal = new RateLimiterMemory({ points: perPortal, duration: windowSeconds });
  }

  /** Throws a typed error (429 for limits, 400 otherwise) unless the write may proceed. */
  async admit(ctx: RequestContext, proof: PublicWriteProof): Promise<void> {
    if (proof.website && proof.website.trim() !== '')
      throw inputError(
        EngagementErrorCode.REJECTED,
        'website',
        'Không thể tiếp nhận nội dung này.',
        'This submission cannot be accepted.',
      );
    if (this.challenge.required && !this.challenge.verify(proof.challengeToken, proof.challengeAnswer))
      throw inputError(
        EngagementErrorCode.CHALLENGE_FAILED,
        'challengeAnswer',
        'Câu trả lời kiểm tra chưa đúng hoặc đã hết hạn; vui lòng lấy câu hỏi kiểm tra mới.',
        'The check answer is wrong or expired; please get a new check question.',
      );
    const address = clientAddressKey(ctx.ip, this.ipv6Prefix);
    const portal = ctx.requireTenant().id;
    await this.consume(this.perAddress, address);
    await this.consume(this.perPortal, portal);
  }

  /** Whether `admit` verifies a challenge (before the limits) for every write. */
  get challengeRequired(): boolean {
    return this.challenge.required;
  }

  /**
   * When `admit` would refuse the next write from this address once its proof has passed (its
   * address limit used up in the current window): the seconds of that refusal's `Retry-After`;
   * otherwise null. Nothing is counted. Lets PublicWriteRefusalMiddleware answer a flood before the
   * GraphQL pipeline.
   */
  async addressRefusalSeconds(ip: string | null | undefined): Promise<number | null> {
    const used = await this.perAddress.get(clientAddressKey(ip, this.ipv6Prefix));
    if (!used || used.msBeforeNext <= 0 || used.consumedPoints < this.addressPoints) return null;
    return Math.max(1, Math.ceil(used.msBeforeNext / 1000));
  }

  private async consume(limiter: RateLimiterMemory, key: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (e) {
      if (e instanceof RateLimiterRes)
        throw new RateLimitedError(Math.max(1, Math.ceil(e.msBeforeNext / 1000)));
      throw e;
    }
  }
}
