import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Group, NativeSelect, Text, TextInput, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import { DueAtDoc } from '../../api/calendar-documents';
import type { InformationKind } from '../../gql/graphql';
import { fmtDateTime, useI18n, useLabel } from '../../i18n';
import { ErrorBox } from '../../ui/common';
import { INFO_KINDS, WEEKDAY_LONG_EN, WEEKDAY_LONG_VI, dmy, ruleText, weekdayOf } from './labels';

/**
 * When information of a kind is due on this portal, counted from a date: the same computation the
 * items' due dates use (its profile, its working days), so a new day off or make-up day shows at once.
 */
export function DueCalculator({ kinds }: { kinds: string[] }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const [kind, setKind] = useState(
    kinds.includes('LEGAL_DOCUMENT_OWN') ? 'LEGAL_DOCUMENT_OWN' : (kinds[0] ?? 'NEWS'),
  );
  const [date, setDate] = useState('');
  const [asked, setAsked] = useState<{ kind: string; date: string; at: number } | null>(null);
  const q = useQuery({
    queryKey: ['due', asked],
    queryFn: () =>
      gql(DueAtDoc, { kind: asked!.kind as InformationKind, anchor: `${asked!.date}T00:00:00+07:00` }),
    enabled: !!asked,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Each click asks again (the calendar may have changed since).
    if (/^\d{4}-\d{2}-\d{2}$/.test(date)) setAsked({ kind, date, at: Date.now() });
  };
  const d = q.data?.dueAt;
  const long = lang === 'en' ? WEEKDAY_LONG_EN : WEEKDAY_LONG_VI;
  return (
    <Card withBorder component="section" aria-labelledby="due-title">
      <Title order={2} size="h3" id="due-title" mb="xs">
        {t('Tính hạn đăng tin', 'When is it due?')}
      </Title>
      <form onSubmit={submit}>
        <Group align="flex-end">
          <NativeSelect
            label={t('Loại thông tin', 'Kind of information')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            data={kinds.map((k) => ({ value: k, label: label(INFO_KINDS, k) }))}
          />
          <TextInput
            type="date"
            label={t('Tính từ ngày', 'Counted from')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            required
          />
          <Button type="submit" loading={q.isFetching}>
            {t('Tính hạn', 'Compute')}
          </Button>
        </Group>
      </form>
      <ErrorBox error={q.error} />
      {d && asked && (
        <Alert color="blue" mt="sm" role="status" title={t('Hạn đăng', 'Due')}>
          <Text fw={700}>
            {t('Hạn', 'Due')}: {long[weekdayOf(d.dueDate)]} {dmy(d.dueDate)} ({fmtDateTime(d.dueAt)})
          </Text>
          <Text size="sm">
            {label(INFO_KINDS, asked.kind)}, {t('tính từ', 'counted from')} {dmy(asked.date)}:{' '}
            {ruleText(d.rule, lang !== 'en')} — {d.rule.article}, {d.rule.document}
          </Text>
        </Alert>
      )}
    </Card>
  );
}
