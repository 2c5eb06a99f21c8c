import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A citizen's file sent with a question; read only by the officers who may read the question. */
@Entity('question_attachments')
export class QuestionAttachmentEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  /** The portal it was sent to. */
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  /** Null until a question names it. */
  @Column({ name: 'question_id', type: 'uuid', nullable: true }) questionId!: string | null;
  @Column({ type: 'text' }) sha256!: string;
  @Column({ type: 'bigint' }) size!: string;
  @Column({ name: 'media_type', type: 'text' }) mediaType!: string;
  @Column({ name: 'file_name', type: 'text' }) fileName!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
