import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AccessErrorCode } from '../../libs/access/src/errors/access-error-code';
import { AuditErrorCode } from '../../libs/audit/src/errors/audit-error-code';
import { CalendarErrorCode } from '../../libs/calendar/src/errors/calendar-error-code';
import { ContentErrorCode } from '../../libs/content/src/errors/content-error-code';
import { EditorialErrorCode } from '../../libs/editorial/src/errors/editorial-error-code';
import { EngagementErrorCode } from '../../libs/engagement/src/errors/engagement-error-code';
import { FederationErrorCode } from '../../libs/federation/src/errors/federation-error-code';
import { IdentityErrorCode } from '../../libs/identity/src/errors/identity-error-code';
import { PlatformErrorCode } from '../../libs/platform/src/errors/platform-error-code';
import { ReportingErrorCode } from '../../libs/reporting/src/errors/reporting-error-code';
import { RoyaltiesErrorCode } from '../../libs/royalties/src/errors/royalties-error-code';
import { SiteErrorCode } from '../../libs/site/src/errors/site-error-code';
import { TenancyErrorCode } from '../../libs/tenancy/src/errors/tenancy-error-code';

const ROOT = join(__dirname, '../..');

/** Every lib names its error codes in one enum (`libs/<lib>/src/errors/<lib>-error-code.ts`). */
const TYPED: Record<string, Record<string, string>> = {
  platform: PlatformErrorCode,
  access: AccessErrorCode,
  audit: AuditErrorCode,
  calendar: CalendarErrorCode,
  content: ContentErrorCode,
  editorial: EditorialErrorCode,
  engagement: EngagementErrorCode,
  federation: FederationErrorCode,
  identity: IdentityErrorCode,
  reporting: ReportingErrorCode,
  royalties: RoyaltiesErrorCode,
  site: SiteErrorCode,
  tenancy: TenancyErrorCode,
};

/** Libs that raise no error of their own: the composition root only lists the others. */
const WITHOUT_ERRORS = ['composition'];

/** Where a file builds an error from a free string code instead of its lib's enum. */
export function freeStringCodes(text: string): string[] {
  const found =
    text.match(/\b(?:inputError|new DomainError|new \w+InputError|super)\(\s*['"`][A-Z][A-Z_]+['"`]/g) ?? [];
  return found.map((m) => m.replace(/\s+/g, ' '));
}

describe('typed error codes', () => {
  it('every code of every lib is its own wire value (the errorCode clients see)', () => {
    expect(Object.keys(TYPED).sort()).toEqual(
      readdirSync(join(ROOT, 'libs'))
        .filter((lib) => !WITHOUT_ERRORS.includes(lib))
        .sort(),
    );
    for (const [lib, codes] of Object.entries(TYPED)) {
      expect(Object.keys(codes).length).toBeGreaterThan(0);
      for (const [name, value] of Object.entries(codes))
        expect(`${lib}.${name}=${value}`).toBe(`${lib}.${name}=${name}`);
    }
  });

  it('no file of a typed lib builds an error from a free string code', () => {
    const files = execFileSync('git', ['ls-files', ...Object.keys(TYPED).map((l) => `libs/${l}/src/*.ts`)], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => f && !f.endsWith('.spec.ts'));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.flatMap((f) =>
      freeStringCodes(readFileSync(join(ROOT, f), 'utf8')).map((m) => `${f}: ${m}`),
    );
    expect(offenders).toEqual([]);
  });

  it('finds a free string code however the error is built', () => {
    expect(freeStringCodes("throw inputError('TOO_LONG', 'title', 'vi', 'en');")).toHaveLength(1);
    expect(freeStringCodes("new DomainError(\n  'NOT_ALLOWED',\n  { vi, en })")).toHaveLength(1);
    expect(freeStringCodes("new CalendarInputError('INVALID_DATE', f, vi, en)")).toHaveLength(1);
    expect(freeStringCodes('inputError(Code.TOO_LONG, field, vi, en)')).toEqual([]);
    expect(freeStringCodes('inputError(code, field, vi, en)')).toEqual([]);
    expect(freeStringCodes("super('RATE_LIMITED', text, null, 429)")).toHaveLength(1);
    expect(freeStringCodes("new NotFoundError('Portal', 'tenantId')")).toEqual([]);
  });
});
