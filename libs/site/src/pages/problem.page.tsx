import type { ReactNode } from 'react';
import { Layout } from '../components/layout';
import { localePath, t } from '../render/locale';
import type { SiteChrome } from '../render/site-chrome';
import { SITE_PATHS } from '../render/site-paths';

/** A page that is not there (404) or no longer (410): what happened and where to go instead. */
export function ProblemPage(props: {
  chrome: SiteChrome;
  status: 404 | 410;
  /** What is gone: an item (the default) or a section the portal hid. */
  gone?: 'item' | 'section';
}): ReactNode {
  const { chrome, status } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const title =
    status === 410
      ? L('Thông tin này đã được gỡ bỏ', 'This information has been withdrawn')
      : L('Không tìm thấy trang', 'Page not found');
  return (
    <Layout chrome={chrome} head={{ title, noindex: true }} breadcrumbs={[{ label: title, href: '#' }]}>
      <div className="problem">
        <h1>{title}</h1>
        <p>
          {status === 410 && props.gone === 'section'
            ? L(
                'Cơ quan đã gỡ chuyên mục này khỏi cổng thông tin. Bạn có thể tìm thông tin liên quan:',
                'The agency has taken this section off the portal. You can look for related information:',
              )
            : status === 410
              ? L(
                  'Cơ quan đã gỡ bỏ bài viết này khỏi cổng thông tin. Bạn có thể tìm thông tin liên quan:',
                  'The agency has withdrawn this item from the portal. You can look for related information:',
                )
              : L(
                  'Địa chỉ có thể đã gõ sai hoặc trang đã được chuyển đi. Bạn có thể:',
                  'The address may be mistyped or the page has moved. You can:',
                )}
        </p>
        <form className="form" role="search" method="get" action={localePath(locale, SITE_PATHS.search)}>
          <div className="field">
            <label htmlFor="problem-q">{L('Tìm trên cổng thông tin', 'Search this portal')}</label>
            <input id="problem-q" name="q" type="search" />
          </div>
          <button className="button" type="submit">
            {L('Tìm kiếm', 'Search')}
          </button>
        </form>
        <ul>
          <li>
            <a href={localePath(locale, '/')}>{L('Về trang chủ', 'Go to the home page')}</a>
          </li>
          <li>
            <a href={localePath(locale, SITE_PATHS.sitemap)}>{L('Xem sơ đồ trang', 'See the site map')}</a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}
