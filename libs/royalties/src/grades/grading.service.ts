import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { AuditService } from '@portal/audit';
import { ContentKind, MediaService } from '@portal/content';
import { EditorialService, RevisionStatus } from '@portal/editorial';
import {
  DomainError,
  ForbiddenError,
  RequestContext,
  Result,
  ScopedRepository,
  ScopedRepositoryFactory,
  TransactionRunner,
  assertCan,
  can,
  fail,
  inputError,
  isUuid,
  ok,
} from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { hundredths } from '../money/royalty-amount';
import { RoyaltyProfileService } from '../profiles/royalty-profile.service';
import {
  CollaboratorEntity,
  RoyaltyGradeAuthorEntity,
  RoyaltyGradeEntity,
  RoyaltyStatementEntity,
  RoyaltyStatementLineEntity,
  StatementState,
} from './royalty.entities';
import { badDecimal, parseHundredths, showHundredths } from './royalty-input';
import { RoyaltiesErrorCode } from '../errors/royalties-error-code';

/** Why an eligible item is graded "not paid". */
export enum NotPaidReason {
  /** Written by staff as part of their duties, paid by salary. */
  OWN_STAFF_DUTY = 'OWN_STAFF_DUTY',
  /** Reposted from the press or another source that is not paid by this portal. */
  REPOSTED_FROM_PRESS = 'REPOSTED_FROM_PRESS',
  /** An official document or notice published as issued. */
  OFFICIAL_DOCUMENT = 'OFFICIAL_DOCUMENT',
  OTHER = 'OTHER',
}

export interface GradeAuthorInput {
  accountId?: string | null;
  collaboratorId?: string | null;
  /** Percent with at most two decimals ("50", "33.33"); the shares add up to 100. */
  share: string;
}

export interface GradeInput {
  itemId: string;
  genre?: string | null;
  coefficient?: string | null;
  photoCount?: number | null;
  photoCoefficient?: string | null;
  reposted?: boolean | null;
  notPaidReason?: NotPaidReason | null;
  note?: string | null;
  authors?: GradeAuthorInput[] | null;
}

export interface GradeView {
  grade: RoyaltyGradeEntity;
  authors: RoyaltyGradeAuthorEntity[];
}

const GRADABLE = [RevisionStatus.APPROVED, RevisionStatus.SCHEDULED];

/**
 * The board's grade of an approved item (genre and coefficient inside the portal's profile, photos,
 * authors and their shares, or "not paid" with a reason). It is a separate step taken by whoever may
 * approve the item (the head, or the deputy while authorised) at or after approval, so the
 * editorial workflow itself is untouched. A later change supersedes the grade (audited); once the
 * grade is on a locked statement, the next statement carries the difference as an adjustment line.
 */
@Injectable()
export class GradingService {
  readonly grades: ScopedRepository<RoyaltyGradeEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly editorial: EditorialService,
    private readonly profiles: RoyaltyProfileService,
    private readonly routing: HostRoutingService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly media: MediaService,
  ) {
    this.grades = scoped.for(RoyaltyGradeEntity, 'Royalty');
  }

  async grade(ctx: RequestContext, input: GradeInput): Promise<Result<GradeView>> {
    try {
      return ok(await this.gradeOrThrow(ctx, input));
    } catch (error) {
      if (error instanceof DomainError && error.httpStatus === 400) return fail(error);
      throw error;
    }
  }

  async current(ctx: RequestContext, itemId: string): Promise<GradeView | null> {
    if (!isUuid(itemId)) return null;
    const grade = await this.grades
      .query(ctx, 'read')
      .andWhere('row.item_id = :itemId AND row.superseded_at IS NULL', { itemId })
      .getOne();
    if (!grade) return null;
    const authors = await this.tx
      .manager(ctx)
      .find(RoyaltyGradeAuthorEntity, { where: { gradeId: grade.id }, order: { position: 'ASC' } });
    return { grade, authors };
  }

  private async gradeOrThrow(ctx: RequestContext, input: GradeInput): Promise<GradeView> {
    const view = await this.editorial.view(ctx, input.itemId, 'read');
    const { item } = view;
    const tenant = this.routing.tenant(item.tenantId)!;
    const subject = {
      tenantId: item.tenantId,
      tenantPath: tenant.path,
      createdBy: item.createdBy,
      field: item.field,
    };
    assertCan(ctx, 'grade', 'Royalty', { tenantId: item.tenantId, tenantPath: tenant.path });
    // Grading is part of the approval: only who may approve this item grades it.
    if (!can(ctx, 'approve', 'Content', subject))
      throw new ForbiddenError({
        vi: 'Chỉ người được duyệt bài này mới chấm nhuận bút.',
        en: 'Only who may approve this item grades it.',
      });
    const approved =
      item.liveRevisionId !== null || (view.working && GRADABLE.includes(view.working.state.status));
    if (!approved)
      throw inputError(
        RoyaltiesErrorCode.NOT_APPROVED,
        'itemId',
        'Chỉ chấm nhuận bút khi bài đã được duyệt.',
        'An item is graded at or after its approval.',
      );
    const { profile, repostBp } = await this.profiles.effective(item.tenantId);
    if (!profile.eligibleKinds.includes(item.kind))
      throw inputError(
        RoyaltiesErrorCode.NOT_ROYALTY_ELIGIBLE,
        'itemId',
        `Loại tin ${item.kind} không thuộc diện trả nhuận bút theo ${profile.key}.`,
        `Items of kind ${item.kind} are not paid royalties under ${profile.key}.`,
      );

    const row = Object.assign(new RoyaltyGradeEntity(), {
      id: randomUUID(),
      tenantId: item.tenantId,
      itemId: item.id,
      profileKey: profile.key,
      genre: null as string | null,
      coefficientH: null as number | null,
      photoCount: 0,
      photoCoefficientH: 0,
      reposted: false,
      notPaidReason: null as string | null,
      note: input.note?.normalize('NFC').trim().slice(0, 2000) || null,
      gradedBy: ctx.accountId,
      gradedAt: new Date(),
      supersededAt: null,
    });
    const authors: RoyaltyGradeAuthorEntity[] = [];
    if (input.notPaidReason) {
      if (!Object.values(NotPaidReason).includes(input.notPaidReason))
        throw inputError(
          RoyaltiesErrorCode.INVALID_REASON,
          'notPaidReason',
          'Lý do không hợp lệ.',
          'Unknown reason.',
        );
      row.notPaidReason = input.notPaidReason;
    } else {
      const genre = profile.genres.find((g) => g.key === input.genre);
      if (!genre)
        throw inputError(
          RoyaltiesErrorCode.UNKNOWN_GENRE,
          'genre',
          `Thể loại phải là một trong: ${profile.genres.map((g) => g.key).join(', ')}.`,
          `The genre must be one of ${profile.genres.map((g) => g.key).join(', ')}.`,
        );
      const coefficient = parseHundredths(input.coefficient);
      if (coefficient === null) throw badDecimal('coefficient');
      const [min, max] = [hundredths(genre.min), hundredths(genre.max)];
      if (coefficient < min || coefficient > max)
        throw inputError(
          RoyaltiesErrorCode.COEFFICIENT_OUT_OF_RANGE,
          'coefficient',
          `Hệ số của thể loại ${genre.nameVi} phải từ ${showHundredths(min)} đến ${showHundredths(max)} (${genre.article}).`,
          `The coefficient of ${genre.nameEn} must be between ${showHundredths(min)} and ${showHundredths(max)} (${genre.article}).`,
        );
      row.genre = genre.key;
      row.coefficientH = coefficient;
      let photos = input.photoCount ?? 0;
      if (item.kind === ContentKind.PHOTO_GALLERY) {
        // A gallery is paid for the photos it shows: its standing photos, not a number typed in.
        const standing = await this.media.standingPhotoCount(ctx, item.id);
        if (input.photoCount != null && input.photoCount !== standing)
          throw inputError(
            RoyaltiesErrorCode.PHOTO_COUNT_MISMATCH,
            'photoCount',
            `Bộ ảnh có ${standing} ảnh; số ảnh chấm nhuận bút phải là ${standing} (hoặc để trống).`,
            `The gallery has ${standing} photos; the graded photo count must be ${standing} (or left empty).`,
          );
        photos = standing;
      }
      if (!Number.isInteger(photos) || photos < 0 || photos > 100)
        throw inputError(
          RoyaltiesErrorCode.INVALID_PHOTO_COUNT,
          'photoCount',
          'Số ảnh không hợp lệ.',
          'The photo count is not valid.',
        );
      if (photos > 0) {
        if (!profile.photo)
          throw inputError(
            RoyaltiesErrorCode.PHOTOS_NOT_PAID,
            'photoCount',
            'Bảng nhuận bút này không có hệ số ảnh.',
            'This royalty profile has no photo coefficient.',
          );
        const pc = parseHundredths(input.photoCoefficient);
        if (pc === null) throw badDecimal('photoCoefficient');
        const [pmin, pmax] = [hundredths(profile.photo.min), hundredths(profile.photo.max)];
        if (pc < pmin || pc > pmax)
          throw inputError(
            RoyaltiesErrorCode.COEFFICIENT_OUT_OF_RANGE,
            'photoCoefficient',
            `Hệ số mỗi ảnh phải từ ${showHundredths(pmin)} đến ${showHundredths(pmax)} (${profile.photo.article}).`,
            `The coefficient per photo must be between ${showHundredths(pmin)} and ${showHundredths(pmax)} (${profile.photo.article}).`,
          );
        row.photoCount = photos;
        row.photoCoefficientH = pc;
      }
      if (input.reposted) {
        if (repostBp === 0)
          throw inputError(
            RoyaltiesErrorCode.REPOSTS_NOT_PAID,
            'reposted',
            'Bảng nhuận bút này không trả cho tin bài đăng lại; hãy chấm “không trả”.',
            'This royalty profile pays nothing for reposted items; grade it "not paid".',
          );
        row.reposted = true;
      }
      authors.push(...(await this.authors(ctx, item.tenantId, row.id, input.authors ?? [])));
    }

    await this.tx.run(ctx, async (tx) => {
      const m = this.tx.manager(tx);
      const before = await m.findOne(RoyaltyGradeEntity, {
        where: { itemId: item.id, supersededAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (before) {
        // A grade on a statement under check or approval stays as it is until that statement is locked.
        const inApproval = await m
          .createQueryBuilder(RoyaltyStatementLineEntity, 'l')
          .innerJoin(RoyaltyStatementEntity, 's', 's.id = l.statement_id')
          .where('l.grade_id = :g AND s.state IN (:...states)', {
            g: before.id,
            states: [StatementState.CHECKED, StatementState.APPROVED],
          })
          .getExists();
        if (inApproval)
          throw inputError(
            RoyaltiesErrorCode.STATEMENT_IN_APPROVAL,
            'itemId',
            'Bài đã ở trong bảng kê đang trình duyệt; chỉ sửa sau khi bảng kê được khóa (bằng dòng điều chỉnh).',
            'The item is on a statement being checked or approved; change it after that statement is locked (as an adjustment).',
          );
        await m.update(RoyaltyGradeEntity, { id: before.id }, { supersededAt: row.gradedAt });
      }
      await m.insert(RoyaltyGradeEntity, row);
      if (authors.length) await m.insert(RoyaltyGradeAuthorEntity, authors);
      await this.audit.record(tx, {
        tenantId: item.tenantId,
        action: before ? 'royalty.regraded' : 'royalty.graded',
        subjectType: 'Royalty',
        subjectId: item.id,
        before: before ? gradeAudit(before) : null,
        after: { ...gradeAudit(row), authors: authors.map((a) => ({ ...a })) },
      });
    });
    return { grade: row, authors };
  }

  private async authors(
    ctx: RequestContext,
    tenantId: string,
    gradeId: string,
    input: GradeAuthorInput[],
  ): Promise<RoyaltyGradeAuthorEntity[]> {
    const refuse = (code: string, vi: string, en: string) => inputError(code, 'authors', vi, en);
    if (input.length === 0 || input.length > 20)
      throw refuse(
        'AUTHORS_REQUIRED',
        'Cần ít nhất một tác giả được trả nhuận bút.',
        'A paid grade needs at least one author.',
      );
    let total = 0;
    const rows = input.map((a, position) => {
      const share = parseHundredths(a.share);
      if (share === null || share <= 0) throw badDecimal('authors.share');
      total += share;
      if (Boolean(a.accountId) === Boolean(a.collaboratorId))
        throw refuse(
          'AUTHOR_INVALID',
          'Mỗi tác giả là một tài khoản hoặc một cộng tác viên.',
          'Each author is either an account or a collaborator.',
        );
      return Object.assign(new RoyaltyGradeAuthorEntity(), {
        id: randomUUID(),
        gradeId,
        tenantId,
        accountId: a.accountId ?? null,
        collaboratorId: a.collaboratorId ?? null,
        shareBp: share,
        position,
      });
    });
    if (total !== 10_000)
      throw refuse(
        'SHARES_NOT_100',
        'Tổng tỷ lệ của các tác giả phải bằng 100%.',
        "The authors' shares must add up to 100 %.",
      );
    const collaboratorIds = rows.map((r) => r.collaboratorId).filter((id): id is string => id !== null);
    if (collaboratorIds.some((id) => !isUuid(id)))
      throw refuse('AUTHOR_NOT_FOUND', 'Không tìm thấy cộng tác viên.', 'Collaborator not found.');
    if (collaboratorIds.length) {
      const found = await this.tx
        .manager(ctx)
        .find(CollaboratorEntity, { where: { id: In(collaboratorIds), tenantId, archivedAt: IsNull() } });
      if (found.length !== new Set(collaboratorIds).size)
        throw refuse(
          'AUTHOR_NOT_FOUND',
          'Không tìm thấy cộng tác viên của cổng này.',
          "Collaborator not found in this portal's registry.",
        );
    }
    const accountIds = rows.map((r) => r.accountId).filter((id): id is string => id !== null);
    if (accountIds.some((id) => !isUuid(id)))
      throw refuse('AUTHOR_NOT_FOUND', 'Không tìm thấy tài khoản.', 'Account not found.');
    if (accountIds.length) {
      const [{ n }] = await this.tx
        .manager(ctx)
        .query('SELECT count(DISTINCT id)::int AS n FROM accounts WHERE id = ANY($1::uuid[])', [accountIds]);
      if (n !== new Set(accountIds).size)
        throw refuse('AUTHOR_NOT_FOUND', 'Không tìm thấy tài khoản.', 'Account not found.');
    }
    return rows;
  }
}

function gradeAudit(g: RoyaltyGradeEntity): Record<string, unknown> {
  return {
    genre: g.genre,
    coefficient: g.coefficientH === null ? null : showHundredths(g.coefficientH),
    photoCount: g.photoCount,
    photoCoefficient: showHundredths(g.photoCoefficientH),
    reposted: g.reposted,
    notPaidReason: g.notPaidReason,
    profileKey: g.profileKey,
  };
}
