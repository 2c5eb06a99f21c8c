import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@portal/audit';
import {
  DomainError,
  NotFoundError,
  RequestContext,
  Result,
  TransactionRunner,
  can,
  fail,
  isUuid,
  ok,
} from '@portal/platform';
import { HostRoutingService, RoutedTenant } from '@portal/tenancy';
import { TEXT_CONTRAST, contrastRatio, isHexColour } from './contrast';
import { SiteThemeEntity, THEME_FIELDS, ThemeField, ThemeValues } from './site-theme.entity';
import { SiteErrors } from '../errors/site-errors';

/** The national red and gold: white text on the red 7.8:1, gold on the red 5.2:1. */
export const DEFAULT_PRIMARY = '#a4161a';
export const DEFAULT_ACCENT = '#ffcd00';
const WHITE = '#ffffff';
const MAX_TEXT = 300;

/** A portal's look as its pages use it: its own settings, else its nearest ancestor's, else defaults. */
export interface ResolvedTheme extends ThemeValues {
  primaryColour: string;
  accentColour: string;
  /** Which portal each set field came from (the portal itself or an ancestor). */
  inheritedFrom: Partial<Record<ThemeField, string>>;
}

const COLUMN: Record<ThemeField, string> = {
  primaryColour: 'primary_colour',
  accentColour: 'accent_colour',
  logoUrl: 'logo_url',
  bannerUrl: 'banner_url',
  bannerAltVi: 'banner_alt_vi',
  bannerAltEn: 'banner_alt_en',
  ownerVi: 'owner_vi',
  ownerEn: 'owner_en',
  address: 'address',
  phone: 'phone',
  email: 'email',
  editorInChief: 'editor_in_chief',
  licence: 'licence',
};

/**
 * Per-portal look of the public website (logo or emblem, colours, banner, footer lines), set by the
 * portal's operator and inherited down the tree field by field. Colours must keep text readable
 * (WCAG 2.1 AA 1.4.3): a setting that would not is refused with a typed error naming the field.
 */
@Injectable()
export class SiteThemeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly routing: HostRoutingService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  /** The look of a portal with inheritance applied. */
  // UNSCOPED: anonymous public read of the host-resolved portal's and its ancestors' look.
  async resolve(tenantId: string): Promise<ResolvedTheme> {
    const portal = this.routing.tenant(tenantId);
    const chain = portal ? [...this.routing.ancestors(portal).map((a) => a.id), portal.id] : [tenantId];
    const rows: Array<Record<string, string | null> & { tenant_id: string }> = await this.dataSource.query(
      `SELECT * FROM site_themes WHERE tenant_id = ANY($1::uuid[])`,
      [chain],
    );
    const byTenant = new Map(rows.map((r) => [r.tenant_id, r]));
    const values = Object.fromEntries(THEME_FIELDS.map((f) => [f, null])) as ThemeValues;
    const inheritedFrom: Partial<Record<ThemeField, string>> = {};
    // Nearest first: the portal's own value wins over its parent's, and so on up.
    for (const id of [...chain].reverse()) {
      const row = byTenant.get(id);
      if (!row) continue;
      for (const f of THEME_FIELDS) {
        if (values[f] === null && row[COLUMN[f]] !== null) {
          values[f] = row[COLUMN[f]];
          inheritedFrom[f] = id;
        }
      }
    }
    return {
      ...values,
      primaryColour: values.primaryColour ?? DEFAULT_PRIMARY,
      accentColour: values.accentColour ?? DEFAULT_ACCENT,
      inheritedFrom,
    };
  }

  /** The portal's own settings (what it set itself), or null when it inherits everything. */
  // UNSCOPED: read after the caller's ability on the portal was checked.
  async own(tenantId: string): Promise<SiteThemeEntity | null> {
    return this.dataSource.manager.findOneBy(SiteThemeEntity, { tenantId });
  }

  /**
   * Replaces a portal's own settings (fields left out or empty inherit from the parent). The
   * operator of the portal (or of a portal above it) may; nothing is written when a field is bad.
   */
  set(
    ctx: RequestContext,
    tenantId: string | null | undefined,
    input: Partial<ThemeValues>,
  ): Promise<Result<{ portal: RoutedTenant; theme: ResolvedTheme }>> {
    return this.guard(async () => {
      const id = tenantId ?? ctx.requireTenant().id;
      const portal = isUuid(id) ? this.routing.tenant(id) : null;
      const subject = portal && { tenantId: portal.id, tenantPath: portal.path };
      if (!portal || !subject || !can(ctx, 'read', 'Tenant', subject))
        throw new NotFoundError('Portal', 'tenantId');
      if (!can(ctx, 'update', 'SiteStructure', subject)) throw SiteErrors.themeNotAllowed();
      const values = this.validated(input);
      // The colours a page shows are the portal's own or inherited: check the effective pair.
      const parent = portal.parentId ? await this.resolve(portal.parentId) : null;
      this.checkContrast(values, parent);
      await this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        const before = await m.findOneBy(SiteThemeEntity, { tenantId: portal.id });
        const row = Object.assign(new SiteThemeEntity(), values, {
          tenantId: portal.id,
          updatedAt: new Date(),
          updatedBy: tx.accountId,
        });
        await m.upsert(SiteThemeEntity, row, ['tenantId']);
        await this.audit.record(tx, {
          tenantId: portal.id,
          action: 'site.theme_changed',
          subjectType: 'Tenant',
          subjectId: portal.id,
          before: before ? pick(before) : null,
          after: values,
        });
      });
      return { portal, theme: await this.resolve(portal.id) };
    });
  }

  private validated(input: Partial<ThemeValues>): ThemeValues {
    const out = {} as ThemeValues;
    for (const f of THEME_FIELDS) {
      const raw = input[f];
      const v = typeof raw === 'string' ? raw.normalize('NFC').trim() : null;
      out[f] = v ? v : null;
      if (out[f] && out[f]!.length > MAX_TEXT) throw SiteErrors.tooLong(f, MAX_TEXT);
    }
    for (const f of ['primaryColour', 'accentColour'] as const) {
      if (out[f] === null) continue;
      if (!isHexColour(out[f]!)) throw SiteErrors.invalidColour(f);
      out[f] = out[f]!.toLowerCase();
    }
    for (const f of ['logoUrl', 'bannerUrl'] as const) {
      const v = out[f];
      if (v !== null && !/^https:\/\/[^\s"'<>]+$/i.test(v) && !/^\/(?!\/)[^\s"'<>]*$/.test(v))
        throw SiteErrors.invalidImageUrl(f);
    }
    if (out.email !== null && !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(out.email))
      throw SiteErrors.invalidEmail();
    if (out.bannerUrl !== null && out.bannerAltVi === null) throw SiteErrors.missingBannerAlt();
    return out;
  }

  private checkContrast(values: ThemeValues, parent: ResolvedTheme | null): void {
    const primary = values.primaryColour ?? parent?.primaryColour ?? DEFAULT_PRIMARY;
    const accent = values.accentColour ?? parent?.accentColour ?? DEFAULT_ACCENT;
    const white = contrastRatio(WHITE, primary);
    if (white < TEXT_CONTRAST) throw SiteErrors.whiteOnPrimary(white);
    const onPrimary = contrastRatio(accent, primary);
    if (onPrimary < TEXT_CONTRAST) throw SiteErrors.accentOnPrimary(onPrimary);
  }

  private async guard<T>(work: () => Promise<T>): Promise<Result<T>> {
    try {
      return ok(await work());
    } catch (e) {
      if (e instanceof DomainError && e.httpStatus < 500) return fail(e);
      throw e;
    }
  }
}

function pick(row: SiteThemeEntity): ThemeValues {
  return Object.fromEntries(THEME_FIELDS.map((f) => [f, row[f]])) as ThemeValues;
}
