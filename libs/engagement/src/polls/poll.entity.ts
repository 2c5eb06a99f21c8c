import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum PollResultsVisibility {
  /** A visitor sees the results once they have voted (and everyone once the poll is closed). */
  AFTER_VOTE = 'AFTER_VOTE',
  /** Nobody but the portal's officers sees results before the poll closes. */
  AFTER_CLOSE = 'AFTER_CLOSE',
}

/** A poll (thăm dò ý kiến) of one portal. */
@Entity('polls')
export class PollEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'question_vi', type: 'text' }) questionVi!: string;
  @Column({ name: 'question_en', type: 'text', nullable: true }) questionEn!: string | null;
  @Column({ name: 'opens_at', type: 'timestamptz' }) opensAt!: Date;
  @Column({ name: 'closes_at', type: 'timestamptz' }) closesAt!: Date;
  @Column({ name: 'results_visibility', type: 'text' }) resultsVisibility!: PollResultsVisibility;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'closed_early_at', type: 'timestamptz', nullable: true }) closedEarlyAt!: Date | null;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
  @Column({ name: 'withdrawn_reason', type: 'text', nullable: true }) withdrawnReason!: string | null;
}

@Entity('poll_options')
export class PollOptionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'poll_id', type: 'uuid' }) pollId!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'smallint' }) position!: number;
  @Column({ name: 'label_vi', type: 'text' }) labelVi!: string;
  @Column({ name: 'label_en', type: 'text', nullable: true }) labelEn!: string | null;
}

/** One visitor's vote: the address is kept only as a keyed hash, enough to allow one vote per poll. */
@Entity('poll_votes')
export class PollVoteEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'poll_id', type: 'uuid' }) pollId!: string;
  @Column({ name: 'option_id', type: 'uuid' }) optionId!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'address_hash', type: 'text' }) addressHash!: string;
  @Column({ name: 'voted_at', type: 'timestamptz' }) votedAt!: Date;
}
