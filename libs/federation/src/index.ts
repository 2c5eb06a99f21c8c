export * from './federation.module';
export * from './figures/syndication-figures.repository';
export * from './figures/syndication-figures.module';
export * from './syndication/syndication-state';
export * from './syndication/syndication.entity';
export * from './syndication/syndication.service';
export * from './errors/federation-error-code';
export * from './subtree/subtree-feed.service';
export * from './subtree/portal-tree';

import { SyndicationEntity, SyndicationRuleEntity } from './syndication/syndication.entity';
export const FEDERATION_ENTITIES = [SyndicationEntity, SyndicationRuleEntity];
