import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Code,
  FileInput,
  Group,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { gql, GqlError } from '../../api/graphql';
import {
  CalendarOverridesDoc,
  ImportCalendarOverridesDoc,
  RemoveCalendarOverrideDoc,
  SetCalendarOverrideDoc,
} from '../../api/calendar-documents';
import type { ApiError } from '../../api/session';
import { useI18n } from '../../i18n';
import { ErrorBox, Loading, notify } from '../../ui/common';
import { PortalSelect, usePortalChoices } from '../reports/scope';
import { WEEKDAY_LONG_EN, WEEKDAY_LONG_VI, dmy, weekdayOf } from './labels';

const SAMPLE = `apiVersion: portal/v1
kind: CalendarOverrides
source: Quyết định 1/QĐ-UBND ngày 02/11/2026
daysOff:
  - { date: 2026-11-09, to: 2026-11-10, nameVi: Nghỉ theo quyết định của Thành phố }
workingDays:
  - { date: 2026-11-14, nameVi: Làm bù }`;

/**
 * A portal's own days off and working days (a make-up Saturday): they apply to the portal and every
 * portal below it, the closest portal's word on a day winning. Kept when withdrawn (marked revoked).
 */
export function Overrides({ canEdit }: { canEdit: boolean }) {
  const { t, lang, msg } = useI18n();
  const client = useQueryClient();
  const portals = usePortalChoices();
  const [target, setTarget] = useState('');
  const tenantId = target || portals.own?.id || '';
  const q = useQuery({
    queryKey: ['calendar-overrides', tenantId],
    queryFn: () => gql(CalendarOverridesDoc, { tenantId }),
    enabled: !!tenantId,
  });
  const [form, setForm] = useState({ date: '', working: 'true', nameVi: '', nameEn: '', source: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [importError, setImportError] = useState<ApiError | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const long = lang === 'en' ? WEEKDAY_LONG_EN : WEEKDAY_LONG_VI;
  const targetName = portals.nameOf(tenantId) ?? '';

  // Every view of the calendar and every due date computed from it may have changed.
  const refresh = () =>
    Promise.all(
      ['calendar-overrides', 'calendar-year', 'due', 'dashboard'].map((k) =>
        client.invalidateQueries({ queryKey: [k] }),
      ),
    );
  const run = async <R,>(work: () => Promise<R>, onError: (e: ApiError) => void) => {
    try {
      return await work();
    } catch (e) {
      if (e instanceof GqlError) onError(e.error);
      else throw e;
      return null;
    }
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    const r = await run(
      () =>
        gql(SetCalendarOverrideDoc, {
          input: {
            tenantId,
            date: form.date,
            working: form.working === 'true',
            nameVi: form.nameVi,
            nameEn: form.nameEn || null,
            source: form.source,
          },
        }),
      setError,
    );
    setBusy(false);
    if (!r) return;
    const o = r.setCalendarOverride;
    if (o.__typename === 'InputError') return setError(o);
    notify(
      o.working
        ? t(`Đã thêm ngày làm việc ${dmy(o.date)}.`, `Working day ${dmy(o.date)} added.`)
        : t(`Đã thêm ngày nghỉ ${dmy(o.date)}.`, `Day off ${dmy(o.date)} added.`),
    );
    setForm((f) => ({ ...f, date: '', nameVi: '', nameEn: '' }));
    await refresh();
  };
  const remove = async (id: string, date: string) => {
    const r = await run(() => gql(RemoveCalendarOverrideDoc, { id }), setError);
    if (!r) return;
    if (r.removeCalendarOverride.__typename === 'InputError') return setError(r.removeCalendarOverride);
    notify(t(`Đã gỡ ngày ${dmy(date)}.`, `${dmy(date)} withdrawn.`));
    await refresh();
  };
  const importFile = async () => {
    setImportError(null);
    setImported(null);
    if (!file) return;
    const yaml = await file.text();
    const r = await run(() => gql(ImportCalendarOverridesDoc, { tenantId, yaml }), setImportError);
    if (!r) return;
    const x = r.importCalendarOverrides;
    if (x.__typename === 'InputError') return setImportError(x);
    setImported(
      t(
        `Đã nhập tệp ${file.name}: thêm ${x.added}, thay ${x.replaced}, giữ nguyên ${x.unchanged} ngày.`,
        `Imported ${file.name}: ${x.added} added, ${x.replaced} replaced, ${x.unchanged} unchanged.`,
      ),
    );
    await refresh();
  };
  const fieldError = (f: string) => (error?.field === f ? msg(error) : undefined);
  if (portals.isLoading) return <Loading />;
  return (
    <Stack>
      <PortalSelect
        label={t('Cổng', 'Portal')}
        description={t(
          'Ngày do một cổng quy định áp dụng cho cổng đó và mọi cổng trực thuộc; cổng gần nhất quyết định.',
          'A portal’s days apply to it and every portal below it; the closest portal decides.',
        )}
        value={tenantId}
        onChange={setTarget}
      />
      <Title order={2} size="h3" id="overrides-title">
        {t(`Ngày riêng của ${targetName}`, `${targetName}’s own days`)}
      </Title>
      <ErrorBox error={q.error} />
      {q.data && q.data.calendarOverrides.length === 0 && (
        <Text>
          {t('Cổng này chưa quy định ngày riêng nào.', 'This portal has declared no days of its own.')}
        </Text>
      )}
      {q.data && q.data.calendarOverrides.length > 0 && (
        <Table striped aria-labelledby="overrides-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('Ngày', 'Date')}</Table.Th>
              <Table.Th>{t('Loại', 'Kind')}</Table.Th>
              <Table.Th>{t('Lý do', 'Reason')}</Table.Th>
              <Table.Th>{t('Căn cứ', 'Legal source')}</Table.Th>
              {canEdit && <Table.Th>{t('Thao tác', 'Action')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.calendarOverrides.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  {long[weekdayOf(o.date)]} {dmy(o.date)}
                </Table.Td>
                <Table.Td>
                  {o.working ? t('Ngày làm việc', 'Working day') : t('Ngày nghỉ', 'Day off')}
                </Table.Td>
                <Table.Td>{lang === 'en' ? (o.nameEn ?? o.nameVi) : o.nameVi}</Table.Td>
                <Table.Td>{o.source}</Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="outline"
                      color="red"
                      aria-label={t(`Gỡ ngày ${dmy(o.date)}`, `Withdraw ${dmy(o.date)}`)}
                      onClick={() => void remove(o.id, o.date)}
                    >
                      {t('Gỡ', 'Withdraw')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canEdit && (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Card withBorder component="section" aria-labelledby="add-day-title">
            <Title order={3} size="h4" id="add-day-title" mb="xs">
              {t('Thêm ngày nghỉ hoặc ngày làm bù', 'Add a day off or a make-up day')}
            </Title>
            <form onSubmit={add} noValidate>
              <Stack gap="sm">
                {error && !['date', 'nameVi', 'source'].includes(error.field ?? '') && (
                  <Alert color="red" role="alert">
                    {msg(error)}
                  </Alert>
                )}
                <TextInput
                  type="date"
                  label={t('Ngày', 'Date')}
                  required
                  value={form.date}
                  onChange={(e) => setForm({ ...form, date: e.currentTarget.value })}
                  error={fieldError('date')}
                />
                <Radio.Group
                  label={t('Loại ngày', 'Kind of day')}
                  value={form.working}
                  onChange={(v) => setForm({ ...form, working: v })}
                >
                  <Group mt={4}>
                    <Radio value="true" label={t('Ngày làm việc (làm bù)', 'Working day (make-up)')} />
                    <Radio value="false" label={t('Ngày nghỉ', 'Day off')} />
                  </Group>
                </Radio.Group>
                <TextInput
                  label={t('Lý do (tiếng Việt)', 'Reason (Vietnamese)')}
                  required
                  value={form.nameVi}
                  onChange={(e) => setForm({ ...form, nameVi: e.currentTarget.value })}
                  error={fieldError('nameVi')}
                />
                <TextInput
                  label={t('Lý do (tiếng Anh)', 'Reason (English)')}
                  value={form.nameEn}
                  onChange={(e) => setForm({ ...form, nameEn: e.currentTarget.value })}
                />
                <TextInput
                  label={t('Văn bản căn cứ', 'Legal source')}
                  description={t(
                    'ví dụ Quyết định 12/QĐ-UBND ngày 01/12/2026',
                    'e.g. Quyết định 12/QĐ-UBND ngày 01/12/2026',
                  )}
                  required
                  value={form.source}
                  onChange={(e) => setForm({ ...form, source: e.currentTarget.value })}
                  error={fieldError('source')}
                />
                <Group>
                  <Button type="submit" loading={busy}>
                    {t('Thêm ngày', 'Add the day')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Card>
          <Card withBorder component="section" aria-labelledby="import-title">
            <Title order={3} size="h4" id="import-title" mb="xs">
              {t('Nhập từ tệp YAML', 'Import a YAML file')}
            </Title>
            <Stack gap="sm">
              <Text size="sm">
                {t(
                  'Cùng định dạng với lệnh portal calendar import; tệp có dòng sai thì không ngày nào được ghi.',
                  'The format of portal calendar import; a file with a wrong line writes nothing.',
                )}
              </Text>
              {/* Wrapped, not scrolled: a scrolling block would need to take the keyboard focus. */}
              <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {SAMPLE}
              </Code>
              <FileInput
                label={t('Tệp YAML', 'YAML file')}
                accept=".yaml,.yml,text/yaml,application/yaml"
                value={file}
                onChange={setFile}
                clearable
                error={importError ? msg(importError) : undefined}
              />
              {imported && (
                <Alert color="green" role="status">
                  {imported}
                </Alert>
              )}
              <Group>
                <Button variant="outline" disabled={!file} onClick={() => void importFile()}>
                  {t('Nhập tệp', 'Import the file')}
                </Button>
              </Group>
            </Stack>
          </Card>
        </SimpleGrid>
      )}
    </Stack>
  );
}
