export * from './engagement.module';
export * from './abuse/challenge';
export * from './abuse/public-write-guard';

import {
  ConsultationSettingsEntity,
  ConsultationSummaryEntity,
  DraftCommentEntity,
} from './consultations/consultation.entity';
import { PortalRatingEntity } from './ratings/rating.entity';
import { QuestionAttachmentEntity } from './questions/question-attachment.entity';
import {
  QuestionEntity,
  QuestionEscalationEntity,
  QuestionEventEntity,
  QuestionUnitEntity,
  QuestionUnitMemberEntity,
} from './questions/question.entity';
export const ENGAGEMENT_ENTITIES = [
  QuestionAttachmentEntity,
  DraftCommentEntity,
  ConsultationSummaryEntity,
  ConsultationSettingsEntity,
  PortalRatingEntity,
  QuestionEntity,
  QuestionEventEntity,
  QuestionUnitEntity,
  QuestionUnitMemberEntity,
  QuestionEscalationEntity,
];
export * from './graphql/public-write.types';
export * from './questions/question-state';
export * from './questions/question.entity';
export * from './questions/question-clock';
export * from './questions/questions.service';
export * from './questions/question-reminders.service';
export * from './questions/public-questions.service';
export * from './questions/question-units.service';
export * from './consultations/consultation.service';
export * from './consultations/moderation.service';
export * from './consultations/comment-state';
export * from './ratings/rating.service';
