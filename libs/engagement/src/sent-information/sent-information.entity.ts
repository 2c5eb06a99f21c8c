import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a piece of sent information stands in the board's intake queue. */
export enum SentInformationStatus {
  /** Waiting in the intake queue for a contributor to take it up. */
  RECEIVED = 'RECEIVED',
  /** Taken up: a draft item was written from it and goes through the editorial workflow. */
  TAKEN_UP = 'TAKEN_UP',
  /** Not used, with the reason the sender is told. */
  DECLINED = 'DECLINED',
}

/**
 * Information an outside organisation or person sends to a portal's editorial board for publication
 * (05/2024/QĐ-UBND art. 14.2; 1376/QĐ-SVHTT art. 9.1: unit or organisation, name, position, e-mail,
 * phone or address). The sender follows it by its tracking code; the contact details are for the board only.
 */
@Entity('sent_information')
export class SentInformationEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'tracking_code', type: 'text' }) trackingCode!: string;
  @Column({ type: 'text' }) status!: SentInformationStatus;
  @Column({ name: 'sender_name', type: 'text' }) senderName!: string;
  @Column({ type: 'text', nullable: true }) organisation!: string | null;
  @Column({ type: 'text', nullable: true }) position!: string | null;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ name: 'file_sha256', type: 'text', nullable: true }) fileSha256!: string | null;
  @Column({ name: 'file_name', type: 'text', nullable: true }) fileName!: string | null;
  @Column({ name: 'file_media_type', type: 'text', nullable: true }) fileMediaType!: string | null;
  @Column({ name: 'file_size', type: 'bigint', nullable: true }) fileSize!: string | null;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'handled_by', type: 'uuid', nullable: true }) handledBy!: string | null;
  @Column({ name: 'handled_at', type: 'timestamptz', nullable: true }) handledAt!: Date | null;
  /** The draft item written from it (TAKEN_UP). */
  @Column({ name: 'item_id', type: 'uuid', nullable: true }) itemId!: string | null;
  @Column({ name: 'decline_reason', type: 'text', nullable: true }) declineReason!: string | null;
}
