export * from './site.module';
export * from './render/locale';
export * from './render/render-page';
export * from './render/site-chrome';
export * from './render/site-chrome.service';
export * from './render/site-paths';
export * from './render/site-responder';
export * from './components/layout';
export * from './components/item-list';
export * from './components/pagination';
export * from './theme/contrast';
export * from './theme/site-theme.service';
export * from './theme/site-theme.entity';
export * from './visits/site-visits.service';
export * from './assets/site-assets';

import { SiteThemeEntity } from './theme/site-theme.entity';
export const SITE_ENTITIES = [SiteThemeEntity];
export * from './errors/site-error-code';
