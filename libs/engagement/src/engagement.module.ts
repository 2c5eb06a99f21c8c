import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { CalendarModule } from '@portal/calendar';
import { AttachmentsModule, ContentModule } from '@portal/content';
import { EditorialModule } from '@portal/editorial';
import { APP_CONFIG, AppConfig } from '@portal/platform';
import { TenancyModule } from '@portal/tenancy';
import { CHALLENGE_VERIFIER, LocalArithmeticChallenge, NoChallenge } from './abuse/challenge';
import { QuestionMergeParticipant } from './questions/question-merge.participant';
import { QuestionAttachmentsController } from './questions/question-attachments.controller';
import { QuestionAttachmentsService } from './questions/question-attachments.service';
import { PublicWriteGuard } from './abuse/public-write-guard';
import { PublicWriteRefusalMiddleware } from './abuse/public-write-refusal.middleware';
import { ChallengeResolver } from './graphql/challenge.resolver';
import { ConsultationMergeParticipant } from './consultations/consultation-merge.participant';
import { ConsultationService } from './consultations/consultation.service';
import { EngagementClock } from './consultations/engagement-clock';
import { ModerationService } from './consultations/moderation.service';
import { ConsultationsResolver } from './graphql/consultations.resolver';
import { RatingsResolver } from './graphql/ratings.resolver';
import { PollsResolver } from './graphql/polls.resolver';
import { PollMergeParticipant } from './polls/poll-merge.participant';
import { PollService } from './polls/poll.service';
import { RatingService } from './ratings/rating.service';
import { SentInformationResolver } from './graphql/sent-information.resolver';
import { SentInformationFilesController } from './sent-information/sent-information-files.controller';
import { SentInformationMergeParticipant } from './sent-information/sent-information-merge.participant';
import { SentInformationService } from './sent-information/sent-information.service';
import { QuestionsResolver } from './graphql/questions.resolver';
import { DialoguesResolver } from './graphql/dialogues.resolver';
import { DialogueMergeParticipant } from './dialogues/dialogue-merge.participant';
import { DialogueQuestionsService } from './dialogues/dialogue-questions.service';
import { DialogueRepository } from './dialogues/dialogue.repository';
import { DialogueService } from './dialogues/dialogue.service';
import { DialogueTranscriptService } from './dialogues/dialogue-transcript.service';
import { PublicQuestionsService } from './questions/public-questions.service';
import { QuestionClock } from './questions/question-clock';
import { QuestionDeadlines } from './questions/question-deadlines';
import { QuestionDeadlineReevaluationService } from './questions/question-deadline-reevaluation.service';
import { QuestionEvents } from './questions/question-events';
import { QuestionRemindersService } from './questions/question-reminders.service';
import { QuestionUnitsService } from './questions/question-units.service';
import { QuestionsService } from './questions/questions.service';

@Module({
  imports: [TenancyModule, ContentModule, AttachmentsModule, CalendarModule, EditorialModule],
  controllers: [QuestionAttachmentsController, SentInformationFilesController],
  providers: [
    {
      provide: CHALLENGE_VERIFIER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.publicWrites.challenge === 'local' ? new LocalArithmeticChallenge(config) : new NoChallenge(),
    },
    PublicWriteGuard,
    ChallengeResolver,
    EngagementClock,
    ConsultationService,
    ModerationService,
    ConsultationMergeParticipant,
    QuestionMergeParticipant,
    QuestionAttachmentsService,
    ConsultationsResolver,
    RatingService,
    RatingsResolver,
    PollService,
    PollsResolver,
    PollMergeParticipant,
    SentInformationService,
    SentInformationResolver,
    SentInformationMergeParticipant,
    QuestionClock,
    QuestionDeadlines,
    QuestionDeadlineReevaluationService,
    QuestionEvents,
    QuestionUnitsService,
    PublicQuestionsService,
    QuestionsService,
    QuestionRemindersService,
    QuestionsResolver,
    DialogueRepository,
    DialogueService,
    DialogueTranscriptService,
    DialogueQuestionsService,
    DialoguesResolver,
    DialogueMergeParticipant,
  ],
  exports: [
    DialogueService,
    DialogueQuestionsService,
    QuestionDeadlineReevaluationService,
    PublicWriteGuard,
    PollService,
    SentInformationService,
    CHALLENGE_VERIFIER,
    QuestionsService,
    QuestionRemindersService,
    QuestionClock,
    PublicQuestionsService,
    QuestionUnitsService,
    ConsultationService,
    ModerationService,
    RatingService,
  ],
})
export class EngagementModule implements NestModule {
  /** A flooding address's public writes are refused before the GraphQL pipeline (same answer). */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PublicWriteRefusalMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.POST });
  }
}
