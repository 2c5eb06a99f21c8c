import { Column, Entity, PrimaryColumn } from 'typeorm';

// bigint columns come back from pg as strings; amounts stay below 2^53 đồng, so numbers are exact.
const bigintAsNumber = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

@Entity('royalty_profile_assignments')
export class RoyaltyProfileAssignmentEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'profile_key', type: 'text', nullable: true }) profileKey!: string | null;
  @Column({ name: 'assigned_by', type: 'uuid', nullable: true }) assignedBy!: string | null;
  @Column({ name: 'assigned_at', type: 'timestamptz' }) assignedAt!: Date;
}

@Entity('royalty_budgets')
export class RoyaltyBudgetEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @PrimaryColumn({ type: 'int' }) year!: number;
  @Column({ type: 'bigint', transformer: bigintAsNumber }) amount!: number;
  @Column({ name: 'set_by', type: 'uuid', nullable: true }) setBy!: string | null;
  @Column({ name: 'set_at', type: 'timestamptz' }) setAt!: Date;
}

/** An outside author (cộng tác viên) of a portal; payment details are confidential. */
@Entity('royalty_collaborators')
export class CollaboratorEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'pen_name', type: 'text' }) penName!: string;
  @Column({ name: 'real_name', type: 'text' }) realName!: string;
  @Column({ name: 'account_id', type: 'uuid', nullable: true }) accountId!: string | null;
  @Column({ name: 'id_number', type: 'text', nullable: true }) idNumber!: string | null;
  @Column({ name: 'tax_code', type: 'text', nullable: true }) taxCode!: string | null;
  @Column({ name: 'bank_account', type: 'text', nullable: true }) bankAccount!: string | null;
  @Column({ name: 'bank_name', type: 'text', nullable: true }) bankName!: string | null;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
}

/** The board's grade of an item; a change supersedes the row in force. */
@Entity('royalty_grades')
export class RoyaltyGradeEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @Column({ name: 'profile_key', type: 'text' }) profileKey!: string;
  @Column({ type: 'text', nullable: true }) genre!: string | null;
  @Column({ name: 'coefficient_h', type: 'int', nullable: true }) coefficientH!: number | null;
  @Column({ name: 'photo_count', type: 'int' }) photoCount!: number;
  @Column({ name: 'photo_coefficient_h', type: 'int' }) photoCoefficientH!: number;
  @Column({ type: 'boolean' }) reposted!: boolean;
  @Column({ name: 'not_paid_reason', type: 'text', nullable: true }) notPaidReason!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'graded_by', type: 'uuid', nullable: true }) gradedBy!: string | null;
  @Column({ name: 'graded_at', type: 'timestamptz' }) gradedAt!: Date;
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true }) supersededAt!: Date | null;
}

@Entity('royalty_grade_authors')
export class RoyaltyGradeAuthorEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'grade_id', type: 'uuid' }) gradeId!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'account_id', type: 'uuid', nullable: true }) accountId!: string | null;
  @Column({ name: 'collaborator_id', type: 'uuid', nullable: true }) collaboratorId!: string | null;
  @Column({ name: 'share_bp', type: 'int' }) shareBp!: number;
  /** The author's place in the grade, as the board listed them. */
  @Column({ type: 'int' }) position!: number;
}

export enum StatementState {
  DRAFTED = 'DRAFTED',
  CHECKED = 'CHECKED',
  APPROVED = 'APPROVED',
  LOCKED = 'LOCKED',
}

@Entity('royalty_statements')
export class RoyaltyStatementEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) month!: string;
  @Column({ type: 'text' }) state!: StatementState;
  @Column({ name: 'profile_key', type: 'text' }) profileKey!: string;
  @Column({ type: 'bigint', transformer: bigintAsNumber }) total!: number;
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber }) budget!: number | null;
  @Column({ name: 'budget_used_before', type: 'bigint', transformer: bigintAsNumber })
  budgetUsedBefore!: number;
  @Column({ name: 'drafted_by', type: 'uuid', nullable: true }) draftedBy!: string | null;
  @Column({ name: 'drafted_at', type: 'timestamptz' }) draftedAt!: Date;
  @Column({ name: 'checked_by', type: 'uuid', nullable: true }) checkedBy!: string | null;
  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true }) checkedAt!: Date | null;
  @Column({ name: 'approved_by', type: 'uuid', nullable: true }) approvedBy!: string | null;
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true }) approvedAt!: Date | null;
  @Column({ name: 'locked_by', type: 'uuid', nullable: true }) lockedBy!: string | null;
  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true }) lockedAt!: Date | null;
}

export enum StatementLineKind {
  ROYALTY = 'ROYALTY',
  SYNDICATED = 'SYNDICATED',
  REMUNERATION = 'REMUNERATION',
  ADJUSTMENT = 'ADJUSTMENT',
  /** The board head's correction of another line of a draft, with its reason (see the adjustments). */
  CORRECTION = 'CORRECTION',
}

@Entity('royalty_statement_lines')
export class RoyaltyStatementLineEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'statement_id', type: 'uuid' }) statementId!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'line_no', type: 'int' }) lineNo!: number;
  @Column({ type: 'text' }) kind!: StatementLineKind;
  @Column({ name: 'item_id', type: 'uuid', nullable: true }) itemId!: string | null;
  @Column({ name: 'grade_id', type: 'uuid', nullable: true }) gradeId!: string | null;
  @Column({ name: 'syndication_id', type: 'uuid', nullable: true }) syndicationId!: string | null;
  @Column({ name: 'account_id', type: 'uuid', nullable: true }) accountId!: string | null;
  @Column({ name: 'collaborator_id', type: 'uuid', nullable: true }) collaboratorId!: string | null;
  @Column({ name: 'payee_name', type: 'text' }) payeeName!: string;
  @Column({ type: 'text', nullable: true }) title!: string | null;
  @Column({ type: 'text', nullable: true }) genre!: string | null;
  @Column({ name: 'coefficient_h', type: 'int' }) coefficientH!: number;
  @Column({ name: 'factor_bp', type: 'int' }) factorBp!: number;
  @Column({ name: 'level_bp', type: 'int' }) levelBp!: number;
  @Column({ type: 'bigint', transformer: bigintAsNumber }) base!: number;
  @Column({ name: 'unit_bp', type: 'int' }) unitBp!: number;
  @Column({ type: 'date' }) dated!: string;
  @Column({ name: 'share_bp', type: 'int' }) shareBp!: number;
  @Column({ type: 'bigint', transformer: bigintAsNumber }) amount!: number;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  /** A CORRECTION line: the adjustment it shows and the line it corrects. */
  @Column({ name: 'adjustment_id', type: 'uuid', nullable: true }) adjustmentId!: string | null;
  @Column({ name: 'adjusts_line_no', type: 'int', nullable: true }) adjustsLineNo!: number | null;
}

/**
 * A manual correction of one entry of a draft statement, with its reason. Never edited: a new
 * correction of the same entry supersedes it, and drafting again that drops the entry lapses it.
 */
@Entity('royalty_statement_adjustments')
export class RoyaltyStatementAdjustmentEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'statement_id', type: 'uuid' }) statementId!: string;
  @Column({ name: 'entry_kind', type: 'text' }) entryKind!: StatementLineKind;
  @Column({ name: 'item_id', type: 'uuid', nullable: true }) itemId!: string | null;
  @Column({ name: 'syndication_id', type: 'uuid', nullable: true }) syndicationId!: string | null;
  @Column({ name: 'account_id', type: 'uuid', nullable: true }) accountId!: string | null;
  @Column({ name: 'collaborator_id', type: 'uuid', nullable: true }) collaboratorId!: string | null;
  @Column({ name: 'entry_title', type: 'text', nullable: true }) entryTitle!: string | null;
  @Column({ name: 'payee_name', type: 'text' }) payeeName!: string;
  @Column({ name: 'computed_amount', type: 'bigint', transformer: bigintAsNumber }) computedAmount!: number;
  @Column({ type: 'bigint', transformer: bigintAsNumber }) amount!: number;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'adjusted_by', type: 'uuid', nullable: true }) adjustedBy!: string | null;
  @Column({ name: 'adjusted_at', type: 'timestamptz' }) adjustedAt!: Date;
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true }) supersededAt!: Date | null;
  @Column({ name: 'superseded_by', type: 'uuid', nullable: true }) supersededBy!: string | null;
  @Column({ name: 'lapsed_at', type: 'timestamptz', nullable: true }) lapsedAt!: Date | null;
}

export const ROYALTY_ENTITIES = [
  RoyaltyProfileAssignmentEntity,
  RoyaltyBudgetEntity,
  CollaboratorEntity,
  RoyaltyGradeEntity,
  RoyaltyGradeAuthorEntity,
  RoyaltyStatementEntity,
  RoyaltyStatementLineEntity,
  RoyaltyStatementAdjustmentEntity,
];
