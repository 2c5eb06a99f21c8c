import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where an online dialogue (giao lưu trực tuyến) stands; see DIALOGUE_WORKFLOW. */
export enum DialogueState {
  /** Announced: the page shows the guests and the schedule; questions are not taken yet. */
  SCHEDULED = 'SCHEDULED',
  /** Open for questions before the session. */
  OPEN = 'OPEN',
  /** The session is on: questions still come in, the guests' answers are published as they come. */
  LIVE = 'LIVE',
  /** Over: no more questions; the transcript is a draft item in the editorial workflow. */
  ENDED = 'ENDED',
  /** The transcript item is published and linked from the session page. */
  TRANSCRIPT_PUBLISHED = 'TRANSCRIPT_PUBLISHED',
  /** Called off before it went live (with the reason shown on the page). */
  CANCELLED = 'CANCELLED',
}

/** A guest's standing: a leader of the agency or an invited expert. */
export enum DialogueGuestKind {
  LEADER = 'LEADER',
  EXPERT = 'EXPERT',
}

/** Where a citizen's question stands in the board's moderation queue. */
export enum DialogueQuestionStatus {
  /** Waiting for the board. */
  RECEIVED = 'RECEIVED',
  /** Selected by the board and assigned to a guest; waits for the answer. */
  SELECTED = 'SELECTED',
  /** The guest's answer is published on the session page. */
  ANSWERED = 'ANSWERED',
  /** Not taken, with the board's reason (never deleted). */
  REJECTED = 'REJECTED',
}

/** An online dialogue session of one portal (05/2024/QĐ-UBND art. 8.5). */
@Entity('dialogue_sessions')
export class DialogueSessionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) state!: DialogueState;
  @Column({ name: 'title_vi', type: 'text' }) titleVi!: string;
  @Column({ name: 'title_en', type: 'text', nullable: true }) titleEn!: string | null;
  @Column({ name: 'topic_vi', type: 'text' }) topicVi!: string;
  @Column({ name: 'topic_en', type: 'text', nullable: true }) topicEn!: string | null;
  @Column({ type: 'text' }) place!: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason!: string | null;
  /** The transcript's content item, written as a draft when the session ends. */
  @Column({ name: 'transcript_item_id', type: 'uuid', nullable: true }) transcriptItemId!: string | null;
}

/** A guest of a session, in the order the page lists them; a removed guest is kept, marked. */
@Entity('dialogue_guests')
export class DialogueGuestEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'dialogue_id', type: 'uuid' }) dialogueId!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'smallint' }) position!: number;
  @Column({ type: 'text' }) kind!: DialogueGuestKind;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'job_title', type: 'text' }) jobTitle!: string;
  @Column({ type: 'text' }) unit!: string;
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true }) removedAt!: Date | null;
}

/**
 * A citizen's question to a session. The contact is for the board only; the sender's address is
 * kept only as a keyed hash (per session), enough for the per-address limit.
 */
@Entity('dialogue_questions')
export class DialogueQuestionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'dialogue_id', type: 'uuid' }) dialogueId!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'tracking_code', type: 'text' }) trackingCode!: string;
  @Column({ type: 'text' }) status!: DialogueQuestionStatus;
  @Column({ name: 'asker_name', type: 'text' }) askerName!: string;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ name: 'address_hash', type: 'text' }) addressHash!: string;
  /** What the citizen wrote, kept as written. */
  @Column({ type: 'text' }) text!: string;
  /** The board's edit of the text for display (spelling, personal details removed); null: as written. */
  @Column({ name: 'display_text', type: 'text', nullable: true }) displayText!: string | null;
  @Column({ name: 'guest_id', type: 'uuid', nullable: true }) guestId!: string | null;
  @Column({ type: 'text', nullable: true }) answer!: string | null;
  @Column({ name: 'reject_reason', type: 'text', nullable: true }) rejectReason!: string | null;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'moderated_by', type: 'uuid', nullable: true }) moderatedBy!: string | null;
  @Column({ name: 'moderated_at', type: 'timestamptz', nullable: true }) moderatedAt!: Date | null;
  /** The board member who recorded the guest's answer on the guest's behalf. */
  @Column({ name: 'answered_by', type: 'uuid', nullable: true }) answeredBy!: string | null;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt!: Date | null;
}
