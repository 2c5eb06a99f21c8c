import { createHmac, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  APP_CONFIG,
  AppConfig,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RequestContext,
  Result,
  ScopedRepository,
  ScopedRepositoryFactory,
  can,
  inputError,
  isUuid,
} from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { PublicWriteGuard, PublicWriteProof } from '../abuse/public-write-guard';
import { EngagementClock, vietnamDate } from '../consultations/engagement-clock';
import { guarded } from '../consultations/public-result';
import { PortalRatingEntity } from './rating.entity';
import {
  RATING_CRITERIA,
  RatingCriterion,
  RatingPeriod,
  bucketsBetween,
  parseCalendarDate,
} from './rating-period';
import { EngagementErrorCode } from '../errors/engagement-error-code';

export type RatingScores = Record<RatingCriterion, number>;

export interface RatingSubmission extends RatingScores {
  proof?: PublicWriteProof | null;
}

/** Count and averages (two decimals; null when nothing was rated). */
export interface RatingAggregate {
  count: number;
  averages: RatingScores | null;
  /** The mean of the four criteria. */
  overall: number | null;
}

export interface RatingBucket extends RatingAggregate {
  periodStart: string;
  label: string;
}

interface AggregateRow {
  bucket?: string;
  count: number;
  interface: number | null;
  content: number | null;
  quality: number | null;
  support: number | null;
  overall: number | null;
}

const SELECT_AGGREGATES: Array<[string, string]> = [
  ['count(*)::int', 'count'],
  ...RATING_CRITERIA.map((c): [string, string] => [`round(avg(row.score_${c}), 2)::float8`, c]),
  [
    'round(avg((row.score_interface + row.score_content + row.score_quality + row.score_support) / 4.0), 2)::float8',
    'overall',
  ],
];

const TRUNC: Record<RatingPeriod, string> = {
  [RatingPeriod.MONTH]: 'month',
  [RatingPeriod.QUARTER]: 'quarter',
  [RatingPeriod.YEAR]: 'year',
};

function aggregateOf(row: AggregateRow | undefined): RatingAggregate {
  if (!row || !row.count) return { count: 0, averages: null, overall: null };
  return {
    count: row.count,
    averages: {
      interface: Number(row.interface),
      content: Number(row.content),
      quality: Number(row.quality),
      support: Number(row.support),
    },
    overall: Number(row.overall),
  };
}

/**
 * Visitors rate a portal on interface, content, quality and support (1–5; Decree 42 art. 4). One
 * rating per client address, portal and Vietnamese calendar day: the address is kept only as a keyed
 * hash. Officers who read ratings see counts and averages per month, quarter or year; anyone sees
 * the portal's overall averages.
 */
@Injectable()
export class RatingService {
  private readonly ratings: ScopedRepository<PortalRatingEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly dataSource: DataSource,
    private readonly gate: PublicWriteGuard,
    private readonly clock: EngagementClock,
    private readonly routing: HostRoutingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.ratings = scoped.for(PortalRatingEntity, 'Rating');
  }

  rate(ctx: RequestContext, input: RatingSubmission): Promise<Result<PortalRatingEntity>> {
    return guarded(async () => {
      await this.gate.admit(ctx, input.proof ?? {});
      for (const c of RATING_CRITERIA) {
        const v = input[c];
        if (!Number.isInteger(v) || v < 1 || v > 5)
          throw inputError(
            EngagementErrorCode.INVALID_SCORE,
            c,
            'Điểm đánh giá phải là số nguyên từ 1 đến 5.',
            'A score must be a whole number from 1 to 5.',
          );
      }
      const now = this.clock.now();
      const row = Object.assign(new PortalRatingEntity(), {
        id: randomUUID(),
        tenantId: ctx.requireTenant().id,
        interface: input.interface,
        content: input.content,
        quality: input.quality,
        support: input.support,
        addressHash: createHmac('sha256', this.config.jwtSecret)
          .update(`rating-address:${ctx.ip ?? 'unknown'}`)
          .digest('base64url'),
        ratedOn: vietnamDate(now),
        createdAt: now,
      });
      // In the caller's transaction when there is one (an idempotent request stores its key with it).
      const inserted: unknown[] = await (ctx.manager ?? this.dataSource.manager).query(
        `INSERT INTO portal_ratings (id, tenant_id, score_interface, score_content, score_quality, score_support,
                                     address_hash, rated_on, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (tenant_id, rated_on, address_hash) DO NOTHING RETURNING id`,
        [
          row.id,
          row.tenantId,
          row.interface,
          row.content,
          row.quality,
          row.support,
          row.addressHash,
          row.ratedOn,
          row.createdAt,
        ],
      );
      if (inserted.length === 0)
        throw new DomainError(
          EngagementErrorCode.ALREADY_RATED,
          {
            vi: 'Bạn đã đánh giá cổng này hôm nay. Cảm ơn bạn!',
            en: 'You have already rated this portal today. Thank you!',
          },
          null,
          400,
        );
      return row;
    });
  }

  /** Overall count and averages of the addressed portal (public). */
  // UNSCOPED: aggregate figures of the host-resolved portal, public by design; no row is exposed.
  async summary(ctx: RequestContext): Promise<RatingAggregate> {
    const [row]: AggregateRow[] = await this.dataSource.query(
      `SELECT ${SELECT_AGGREGATES.map(([e, a]) => `${e} AS "${a}"`).join(', ')}
         FROM portal_ratings AS "row" WHERE row.tenant_id = $1`,
      [ctx.requireTenant().id],
    );
    return aggregateOf(row);
  }

  /** Count and averages per calendar period in [from, to] (days in Asia/Ho_Chi_Minh), empty periods included. */
  async byPeriod(
    ctx: RequestContext,
    period: RatingPeriod,
    from: string,
    to: string,
    tenantId?: string | null,
  ): Promise<RatingBucket[]> {
    const id = tenantId ?? ctx.requireTenant().id;
    const portal = isUuid(id) ? this.routing.tenant(id) : null;
    if (!portal) throw new NotFoundError('Portal', 'tenantId');
    if (!can(ctx, 'read', 'Rating', { tenantId: portal.id, tenantPath: portal.path }))
      throw new ForbiddenError();
    const buckets = bucketsBetween(period, parseCalendarDate(from, 'from'), parseCalendarDate(to, 'to'));
    const bucketExpr = `to_char(date_trunc('${TRUNC[period]}', row.rated_on), 'YYYY-MM-DD')`;
    const qb = this.ratings
      .query(ctx, 'read', 'row')
      .select(bucketExpr, 'bucket')
      .andWhere('row.tenant_id = :ratingTenant', { ratingTenant: portal.id })
      .andWhere('row.rated_on BETWEEN CAST(:from AS date) AND CAST(:to AS date)', { from, to })
      .groupBy(bucketExpr);
    for (const [expr, alias] of SELECT_AGGREGATES) qb.addSelect(expr, alias);
    const rows: AggregateRow[] = await qb.getRawMany();
    const found = new Map(rows.map((r) => [r.bucket!, r]));
    return buckets.map((b) => ({ periodStart: b.start, label: b.label, ...aggregateOf(found.get(b.start)) }));
  }
}
