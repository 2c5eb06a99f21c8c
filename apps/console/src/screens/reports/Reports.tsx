import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Group, NativeSelect, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { gql, GqlError } from '../../api/graphql';
import { ReportDoc } from '../../api/reports-documents';
import type { ReportScope } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { ErrorBox, Loading, usePageTitle } from '../../ui/common';
import { Refused } from '../../ui/refused';
import { PortalSelect, usePortalChoices } from './scope';
import { PERIOD_KINDS, partsOf, periodOf, vietnamToday, type PeriodChoice, type PeriodKind } from './period';
import { ExportPanel } from './ExportPanel';
import { ReportResults } from './ReportResults';

export interface ReportRequest {
  tenantId: string;
  scope: ReportScope;
  period: string;
}

/**
 * Reports of the managing agencies and the central office (05/2024/QĐ-UBND art. 24, 28): a portal
 * or its subtree over a period, the figures and rule checks on screen, the files made in the background.
 */
export function Reports() {
  const { t, lang, msg } = useI18n();
  usePageTitle(t('Báo cáo', 'Reports'));
  const portals = usePortalChoices();
  const today = vietnamToday();
  const [tenantId, setTenantId] = useState('');
  const [scope, setScope] = useState<ReportScope>('SUBTREE');
  const [period, setPeriod] = useState<PeriodChoice>({
    kind: 'YEAR',
    year: today.year,
    part: today.month,
    from: `${today.year}-01-01`,
    to: today.iso,
  });
  const [request, setRequest] = useState<ReportRequest | null>(null);
  const report = useQuery({
    queryKey: ['report', request],
    queryFn: () => gql(ReportDoc, request!),
    enabled: !!request,
  });
  if (portals.isLoading) return <Loading />;
  if (portals.error) return <Refused title={t('Báo cáo', 'Reports')} error={portals.error} />;
  const chosen = tenantId || portals.own?.id || '';
  const periodError =
    report.error instanceof GqlError && report.error.error.field === 'period'
      ? msg(report.error.error)
      : undefined;
  const current: ReportRequest = { tenantId: chosen, scope, period: periodOf(period) };
  const run = (e: FormEvent) => {
    e.preventDefault();
    setRequest(current);
  };
  const years = Array.from({ length: 6 }, (_, i) => String(today.year - i));
  const setKind = (kind: PeriodKind) =>
    setPeriod((p) => ({
      ...p,
      kind,
      part:
        kind === 'HALF'
          ? today.month <= 6
            ? 1
            : 2
          : kind === 'QUARTER'
            ? Math.ceil(today.month / 3)
            : today.month,
    }));
  return (
    <Stack>
      <Title order={1}>{t('Báo cáo', 'Reports')}</Title>
      <Text>
        {t(
          'Báo cáo định kỳ của cơ quan quản lý cổng (Quyết định 05/2024/QĐ-UBND Điều 24, 28): số liệu, việc đúng hạn và kết quả kiểm tra theo quy định của từng cổng.',
          'The managing agency’s periodic report (Decision 05/2024/QĐ-UBND art. 24, 28): figures, timeliness and the rule checks of each portal.',
        )}
      </Text>
      <Card withBorder component="section" aria-labelledby="report-form-title">
        <Title order={2} size="h3" id="report-form-title" mb="sm">
          {t('Chọn báo cáo', 'Choose the report')}
        </Title>
        <form onSubmit={run}>
          <Stack gap="sm">
            <Group align="flex-start" grow>
              <PortalSelect label={t('Cổng', 'Portal')} value={chosen} onChange={setTenantId} />
              <Radio.Group
                label={t('Phạm vi', 'Scope')}
                value={scope}
                onChange={(v) => setScope(v as ReportScope)}
              >
                <Stack gap={6} mt={6}>
                  <Radio value="PORTAL" label={t('Chỉ cổng này', 'This portal only')} />
                  <Radio
                    value="SUBTREE"
                    label={t('Cổng này và mọi cổng trực thuộc', 'This portal and every portal below it')}
                  />
                </Stack>
              </Radio.Group>
            </Group>
            <Group align="flex-start" grow>
              <NativeSelect
                label={t('Kỳ báo cáo', 'Period')}
                value={period.kind}
                onChange={(e) => setKind(e.currentTarget.value as PeriodKind)}
                data={PERIOD_KINDS.map(([value, vi, en]) => ({ value, label: lang === 'en' ? en : vi }))}
                error={!!periodError}
              />
              {period.kind !== 'RANGE' && (
                <NativeSelect
                  label={t('Năm', 'Year')}
                  value={String(period.year)}
                  onChange={(e) => {
                    const value = Number(e.currentTarget.value);
                    setPeriod((p) => ({ ...p, year: value }));
                  }}
                  data={years}
                />
              )}
              {period.kind !== 'RANGE' && period.kind !== 'YEAR' && (
                <NativeSelect
                  label={
                    period.kind === 'MONTH'
                      ? t('Tháng', 'Month')
                      : period.kind === 'QUARTER'
                        ? t('Quý', 'Quarter')
                        : t('Nửa năm', 'Half')
                  }
                  value={String(period.part)}
                  onChange={(e) => {
                    const value = Number(e.currentTarget.value);
                    setPeriod((p) => ({ ...p, part: value }));
                  }}
                  data={partsOf(period.kind, lang !== 'en')}
                />
              )}
              {period.kind === 'RANGE' && (
                <>
                  <TextInput
                    type="date"
                    label={t('Từ ngày', 'From')}
                    value={period.from}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setPeriod((p) => ({ ...p, from: value }));
                    }}
                  />
                  <TextInput
                    type="date"
                    label={t('Đến ngày (tính cả ngày này)', 'To (included)')}
                    value={period.to}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setPeriod((p) => ({ ...p, to: value }));
                    }}
                  />
                </>
              )}
            </Group>
            <Group>
              <Button type="submit" loading={report.isFetching}>
                {t('Xem báo cáo', 'Show the report')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <ExportPanel request={current} />
      {report.isFetching && <Text role="status">{t('Đang tính số liệu…', 'Computing the figures…')}</Text>}
      {report.error && !periodError && <ErrorBox error={report.error} />}
      {periodError && (
        <Text role="alert" c="red.9">
          {periodError}
        </Text>
      )}
      {report.data && request && <ReportResults report={report.data.report} request={request} />}
    </Stack>
  );
}
