export * from './engagement.module';
export * from './figures/engagement-figures.repository';
export * from './figures/engagement-figures.module';
export * from './abuse/challenge';
export * from './abuse/public-write-guard';

import {
  ConsultationSettingsEntity,
  ConsultationSummaryEntity,
  DraftCommentEntity,
} from './consultations/consultation.entity';
import { PortalRatingEntity } from './ratings/rating.entity';
import { PollEntity, PollOptionEntity, PollVoteEntity } from './polls/poll.entity';
import { QuestionAttachmentEntity } from './questions/question-attachment.entity';
import { SentInformationEntity } from './sent-information/sent-information.entity';
import {
  DialogueGuestEntity,
  DialogueQuestionEntity,
  DialogueSessionEntity,
} from './dialogues/dialogue.entity';
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
  PollEntity,
  PollOptionEntity,
  PollVoteEntity,
  SentInformationEntity,
  DialogueSessionEntity,
  DialogueGuestEntity,
  DialogueQuestionEntity,
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
export * from './polls/poll.entity';
export * from './polls/poll-rules';
export * from './polls/poll.service';
export * from './sent-information/sent-information.entity';
export * from './sent-information/sent-information-input';
export * from './sent-information/sent-information.service';
export * from './questions/question-deadline-reevaluation.service';
export * from './questions/public-questions.service';
export * from './questions/question-units.service';
export * from './consultations/consultation.service';
export * from './consultations/moderation.service';
export * from './consultations/comment-state';
export * from './ratings/rating.service';
export * from './dialogues/dialogue.entity';
export * from './dialogues/dialogue-state';
export * from './dialogues/dialogue-input';
export * from './dialogues/dialogue.service';
export * from './dialogues/dialogue-questions.service';
export * from './errors/engagement-error-code';
