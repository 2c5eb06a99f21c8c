import { Module } from '@nestjs/common';
import { AccessModule } from '@portal/access';
import { ContentModule } from '@portal/content';
import { TenancyModule } from '@portal/tenancy';
import { FeedsController } from './feeds/feeds.controller';
import { FederationResolver } from './graphql/federation.resolver';
import { SubtreeFeedService } from './subtree/subtree-feed.service';
import { SyndicationMergeParticipant } from './syndication/syndication-merge.participant';
import { SyndicationService } from './syndication/syndication.service';
import { SyndicationRepository } from './syndication/syndication.repository';
import { SyndicationPlacement } from './syndication/syndication-placement';
import { SyndicationDecisionsService } from './syndication/syndication-decisions.service';
import { SyndicationPushService } from './syndication/syndication-push.service';
import { SyndicationRulesService } from './syndication/syndication-rules.service';

@Module({
  imports: [TenancyModule, AccessModule, ContentModule],
  controllers: [FeedsController],
  providers: [
    SyndicationRepository,
    SyndicationPlacement,
    SyndicationDecisionsService,
    SyndicationPushService,
    SyndicationRulesService,
    SyndicationService,
    SyndicationMergeParticipant,
    SubtreeFeedService,
    FederationResolver,
  ],
  exports: [SyndicationService, SubtreeFeedService],
})
export class FederationModule {}
