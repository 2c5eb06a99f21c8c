import { useQuery } from '@tanstack/react-query';
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import { DeadlineProfileDoc } from '../../api/calendar-documents';
import { useI18n } from '../../i18n';
import { ErrorBox, Loading, usePageTitle } from '../../ui/common';
import { Refused } from '../../ui/refused';
import { useMe } from '../me';
import { YearView } from './YearView';
import { DueCalculator } from './DueCalculator';
import { Overrides } from './Overrides';
import { DeadlineProfile } from './DeadlineProfile';

/**
 * Working days and deadlines of this portal: the year's calendar (public holidays, the government's
 * announced swaps, make-up Saturdays), the portal's own days, and the deadline profile it follows.
 */
export function Calendar() {
  const { t } = useI18n();
  usePageTitle(t('Ngày làm việc và thời hạn', 'Working days and deadlines'));
  const me = useMe();
  const profile = useQuery({ queryKey: ['deadline-profile'], queryFn: () => gql(DeadlineProfileDoc) });
  // The server decides; the forms are offered to those who may use them.
  const canEdit = me.has('OPERATOR');
  if (!me.data || profile.isLoading)
    return profile.error ? (
      <Refused title={t('Ngày làm việc và thời hạn', 'Working days and deadlines')} error={profile.error} />
    ) : (
      <Loading />
    );
  const kinds = profile.data?.deadlinePolicy.rules.map((r) => r.kind) ?? [];
  return (
    <Stack>
      <Title order={1}>{t('Ngày làm việc và thời hạn', 'Working days and deadlines')}</Title>
      <Text>
        {t(
          'Ngày làm việc là thứ Hai đến thứ Sáu, trừ ngày lễ, Tết, ngày nghỉ bù và hoán đổi theo thông báo của Chính phủ, cộng các ngày do cổng hoặc cổng cấp trên quy định. Thời hạn đăng tin tính theo ngày làm việc đó, giờ Việt Nam.',
          'Working days are Monday to Friday minus public holidays, compensatory days and the government’s announced swaps, with the days this portal or a portal above it declared. Deadlines count those working days, Vietnam time.',
        )}
      </Text>
      <ErrorBox error={profile.error} />
      <Tabs defaultValue="year" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="year">{t('Lịch năm', 'The year')}</Tabs.Tab>
          <Tabs.Tab value="own">{t('Ngày nghỉ, ngày làm bù của cổng', 'The portal’s own days')}</Tabs.Tab>
          <Tabs.Tab value="profile">{t('Quy định thời hạn', 'Deadline rules')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="year" pt="md">
          <Stack>
            <DueCalculator kinds={kinds} />
            <YearView />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="own" pt="md">
          <Overrides canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="profile" pt="md">
          {profile.data && me.data && (
            <DeadlineProfile data={profile.data} portalId={me.data.portal.id} canEdit={canEdit} />
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
