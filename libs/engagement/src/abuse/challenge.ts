import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@portal/platform';

/** A challenge a citizen's browser shows before a public write (a captcha, or the local one). */
export interface IssuedChallenge {
  /** Opaque; sent back with the answer. */
  token: string;
  /** What to show, in Vietnamese and English. */
  promptVi: string;
  promptEn: string;
}

/**
 * The pluggable proof that a human is writing. The platform ships `none` and a local arithmetic
 * challenge (no outside captcha service is reachable from a government network's test rigs); a
 * deployment that has a captcha service implements this interface and binds it to CHALLENGE_VERIFIER.
 */
export interface ChallengeVerifier {
  readonly required: boolean;
  issue(): IssuedChallenge | null;
  verify(token: string | null | undefined, answer: string | null | undefined): boolean;
}

export const CHALLENGE_VERIFIER = Symbol('CHALLENGE_VERIFIER');

/** No challenge: every write passes this step (rate limits and validation still apply). */
export class NoChallenge implements ChallengeVerifier {
  readonly required = false;
  issue(): null {
    return null;
  }
  verify(): boolean {
    return true;
  }
}

const TTL_MS = 10 * 60 * 1000;

/**
 * A small sum signed with the server's secret: stateless (any instance verifies it), valid ten
 * minutes, and answerable only by reading the prompt.
 */
@Injectable()
export class LocalArithmeticChallenge implements ChallengeVerifier {
  readonly required = true;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  issue(): IssuedChallenge {
    const a = randomInt(2, 10);
    const b = randomInt(2, 10);
    const expires = Date.now() + TTL_MS;
    const nonce = randomInt(0, 2 ** 32).toString(36);
    const payload = `${expires}.${nonce}`;
    return {
      token: `${payload}.${this.sign(`${payload}.${a + b}`)}`,
      promptVi: `${a} cộng ${b} bằng bao nhiêu?`,
      promptEn: `What is ${a} plus ${b}?`,
    };
  }

  verify(token: string | null | undefined, answer: string | null | undefined): boolean {
    const parts = (token ?? '').split('.');
    if (parts.length !== 3 || !/^\d+$/.test(parts[0]) || Number(parts[0]) < Date.now()) return false;
    const given = (answer ?? '').trim();
    if (!/^\d{1,3}$/.test(given)) return false;
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}.${Number(given)}`));
    const actual = Buffer.from(parts[2]);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  private sign(value: string): string {
    return createHmac('sha256', this.config.jwtSecret).update(`challenge:${value}`).digest('base64url');
  }
}
