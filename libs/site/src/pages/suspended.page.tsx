import type { ReactNode } from 'react';
import { Layout } from '../components/layout';
import { t } from '../render/locale';
import type { SiteChrome } from '../render/site-chrome';

/** A suspended portal (503): it is not gone, it will be back; where to turn meanwhile. */
export function SuspendedPage(props: {
  chrome: SiteChrome;
  parent: { name: string; href: string } | null;
}): ReactNode {
  const { chrome } = props;
  const L = (vi: string, en: string) => t(chrome.locale, vi, en);
  const title = L('Cổng thông tin đang tạm ngừng hoạt động', 'This portal is temporarily unavailable');
  return (
    <Layout chrome={chrome} head={{ title, noindex: true }}>
      <div className="problem">
        <h1>{title}</h1>
        <p>
          {L(
            'Cổng thông tin này tạm ngừng phục vụ theo quyết định của cơ quan quản lý. Vui lòng quay lại sau.',
            'This portal has been suspended by its managing agency for a while. Please come back later.',
          )}
        </p>
        {props.parent ? (
          <p>
            {L('Trong thời gian này, bạn có thể xem', 'Meanwhile, you can visit')}{' '}
            <a href={props.parent.href}>{props.parent.name}</a>.
          </p>
        ) : null}
      </div>
    </Layout>
  );
}
