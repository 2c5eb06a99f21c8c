import { Module } from '@nestjs/common';
import { AuditModule } from '@portal/audit';
import { AttachmentsModule, ContentModule } from '@portal/content';
import { TenancyModule } from '@portal/tenancy';
import { SiteAssetsController } from './controllers/site-assets.controller';
import { SiteArticleController } from './controllers/site-article.controller';
import { SiteCategoryController } from './controllers/site-category.controller';
import { SiteHomeController } from './controllers/site-home.controller';
import { SiteLegalController } from './controllers/site-legal.controller';
import { SiteSearchController } from './controllers/site-search.controller';
import { SiteSeoController } from './controllers/site-seo.controller';
import { SiteThemeResolver } from './graphql/site-theme.resolver';
import { SiteVisitsResolver } from './graphql/site-visits.resolver';
import { SiteChromeService } from './render/site-chrome.service';
import { SuspendedPageRenderer } from './render/suspended-page.renderer';
import { SiteThemeService } from './theme/site-theme.service';
import { SiteVisitsService } from './visits/site-visits.service';

/**
 * The public website of every portal, served by the api for the host it is addressed by:
 * server-rendered pages (React components rendered to static HTML), their stylesheet and emblem,
 * the per-portal theme and the visitor counts.
 */
@Module({
  imports: [TenancyModule, ContentModule, AttachmentsModule, AuditModule],
  controllers: [
    SiteAssetsController,
    SiteHomeController,
    SiteArticleController,
    SiteCategoryController,
    SiteSearchController,
    SiteLegalController,
    SiteSeoController,
  ],
  providers: [
    SiteThemeService,
    SiteThemeResolver,
    SiteVisitsResolver,
    SiteVisitsService,
    SiteChromeService,
    SuspendedPageRenderer,
  ],
  exports: [SiteThemeService, SiteVisitsService, SiteChromeService],
})
export class SiteModule {}
