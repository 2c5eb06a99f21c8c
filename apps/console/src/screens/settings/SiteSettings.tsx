import { useQuery } from '@tanstack/react-query';
import { Alert, Stack, Text, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import { SiteThemeDoc } from '../../api/settings-documents';
import { useI18n } from '../../i18n';
import { ErrorBox, Loading, usePageTitle } from '../../ui/common';
import { Refused } from '../../ui/refused';
import { useMe } from '../me';
import { ThemeForm } from './ThemeForm';
import { Structure } from './Structure';

/** The operator's settings of the public website: its look, its categories and menus, template re-apply. */
export function SiteSettings() {
  const { t } = useI18n();
  usePageTitle(t('Cài đặt trang', 'Site settings'));
  const me = useMe();
  const theme = useQuery({ queryKey: ['site-theme'], queryFn: () => gql(SiteThemeDoc) });
  if (!me.data || theme.isLoading)
    return theme.error ? (
      <Refused title={t('Cài đặt trang', 'Site settings')} error={theme.error} />
    ) : (
      <Loading />
    );
  return (
    <Stack>
      <Title order={1}>{t('Cài đặt trang', 'Site settings')}</Title>
      <Text>
        {t(
          'Giao diện trang công khai của cổng: những gì để trống được kế thừa từ cổng cấp trên. Màu phải giữ chữ dễ đọc (tương phản ít nhất 4.5:1, WCAG 2.1 AA).',
          'The look of the portal’s public website: what is left empty is inherited from the portal above. Colours must keep text readable (at least 4.5:1, WCAG 2.1 AA).',
        )}
      </Text>
      {!me.has('OPERATOR') && (
        <Alert color="orange" role="status">
          {t(
            'Chỉ Đơn vị vận hành của cổng được đổi giao diện; máy chủ sẽ từ chối thay đổi của bạn.',
            'Only the portal’s operator may change the look; the server will refuse your changes.',
          )}
        </Alert>
      )}
      <ErrorBox error={theme.error} />
      <Title order={2}>{t('Giao diện', 'Look')}</Title>
      {theme.data && <ThemeForm theme={theme.data.siteTheme} portalName={me.data.portal.name} />}
      <Title order={2}>{t('Chuyên mục và menu', 'Categories and menus')}</Title>
      <Structure mayReapply={me.has('OPERATOR')} />
    </Stack>
  );
}
