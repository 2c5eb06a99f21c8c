import { useState, type CSSProperties } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Group, NativeSelect, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { gql } from '../../api/graphql';
import { CalendarYearDoc } from '../../api/calendar-documents';
import type { ConsoleCalendarYearQuery } from '../../gql/graphql';
import { useI18n, useLabel } from '../../i18n';
import { ErrorBox, Loading } from '../../ui/common';
import {
  ORIGINS,
  WEEKDAY_LONG_EN,
  WEEKDAY_LONG_VI,
  WEEKDAY_SHORT_EN,
  WEEKDAY_SHORT_VI,
  dmy,
  weekdayOf,
} from './labels';

type Day = ConsoleCalendarYearQuery['calendarYear'][number];

// Dark text on light fills: 4.5:1 or better.
const OFF: CSSProperties = { background: '#ffe3e3', color: '#5c0a0a', fontWeight: 700 };
const MAKE_UP: CSSProperties = { background: '#d3f9d8', color: '#0b3d17', fontWeight: 700 };
const WEEKEND: CSSProperties = { background: '#f1f3f5', color: '#495057' };
const CELL: CSSProperties = { textAlign: 'center', padding: '2px 0', borderRadius: 4 };

const pad = (n: number) => String(n).padStart(2, '0');

function Month({ year, month, special }: { year: number; month: number; special: Map<string, Day> }) {
  const { t, lang } = useI18n();
  const first = weekdayOf(`${year}-${pad(month)}-01`);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: Array<number | null> = [
    ...Array(first).fill(null),
    ...Array.from({ length: days }, (_, i) => i + 1),
  ];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const short = lang === 'en' ? WEEKDAY_SHORT_EN : WEEKDAY_SHORT_VI;
  const long = lang === 'en' ? WEEKDAY_LONG_EN : WEEKDAY_LONG_VI;
  return (
    <table style={{ width: '100%', borderCollapse: 'separate', borderSpacing: 2, fontSize: 13 }}>
      <caption style={{ fontWeight: 700, textAlign: 'left', paddingBottom: 4 }}>
        {t(
          `Tháng ${month}/${year}`,
          `${new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' })} ${year}`,
        )}
      </caption>
      <thead>
        <tr>
          {short.map((d, i) => (
            <th key={d} scope="col" style={{ fontWeight: 400 }}>
              <abbr title={long[i]} style={{ textDecoration: 'none' }}>
                {d}
              </abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={w}>
            {week.map((d, i) => {
              if (d === null) return <td key={i} />;
              const iso = `${year}-${pad(month)}-${pad(d)}`;
              const s = special.get(iso);
              const style = s ? (s.working ? MAKE_UP : OFF) : i >= 5 ? WEEKEND : undefined;
              return (
                <td key={i} style={{ ...CELL, ...style }} data-date={iso}>
                  {d}
                  {s && (
                    <VisuallyHidden>
                      {s.working ? t(' (làm việc', ' (working') : t(' (nghỉ', ' (day off')}
                      {s.nameVi ? `: ${lang === 'en' ? (s.nameEn ?? s.nameVi) : s.nameVi}` : ''})
                    </VisuallyHidden>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A year's working days: months at a glance, then every day that is not an ordinary one, with why. */
export function YearView() {
  const { t, lang } = useI18n();
  const label = useLabel();
  const thisYear = Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()),
  );
  const [year, setYear] = useState(thisYear);
  const q = useQuery({ queryKey: ['calendar-year', year], queryFn: () => gql(CalendarYearDoc, { year }) });
  const special = new Map((q.data?.calendarYear ?? []).map((d) => [d.date, d]));
  const long = lang === 'en' ? WEEKDAY_LONG_EN : WEEKDAY_LONG_VI;
  return (
    <Stack>
      <Group align="flex-end">
        <NativeSelect
          label={t('Năm', 'Year')}
          value={String(year)}
          onChange={(e) => setYear(Number(e.currentTarget.value))}
          data={Array.from({ length: 5 }, (_, i) => String(thisYear - 2 + i))}
        />
        <Group gap="md" aria-hidden>
          <Text size="sm" px={6} style={OFF}>
            {t('Ngày nghỉ', 'Day off')}
          </Text>
          <Text size="sm" px={6} style={MAKE_UP}>
            {t('Ngày làm việc (làm bù)', 'Working day (make-up)')}
          </Text>
          <Text size="sm" px={6} style={WEEKEND}>
            {t('Cuối tuần', 'Weekend')}
          </Text>
        </Group>
      </Group>
      <ErrorBox error={q.error} />
      {q.isLoading && <Loading />}
      {q.data && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="md">
            {Array.from({ length: 12 }, (_, i) => (
              <Month key={i} year={year} month={i + 1} special={special} />
            ))}
          </SimpleGrid>
          <Title order={2} size="h3" id="special-days-title">
            {t(`Ngày nghỉ và ngày làm bù năm ${year}`, `Days off and make-up days in ${year}`)}
          </Title>
          <Table striped aria-labelledby="special-days-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('Ngày', 'Date')}</Table.Th>
                <Table.Th>{t('Thứ', 'Weekday')}</Table.Th>
                <Table.Th>{t('Làm việc?', 'Working?')}</Table.Th>
                <Table.Th>{t('Lý do', 'Reason')}</Table.Th>
                <Table.Th>{t('Nguồn', 'Origin')}</Table.Th>
                <Table.Th>{t('Căn cứ', 'Legal source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.calendarYear.map((d) => (
                <Table.Tr key={d.date}>
                  <Table.Td>{dmy(d.date)}</Table.Td>
                  <Table.Td>{long[weekdayOf(d.date)]}</Table.Td>
                  <Table.Td>{d.working ? t('Làm việc', 'Working') : t('Nghỉ', 'Off')}</Table.Td>
                  <Table.Td>{lang === 'en' ? (d.nameEn ?? d.nameVi) : d.nameVi}</Table.Td>
                  <Table.Td>{label(ORIGINS, d.origin)}</Table.Td>
                  <Table.Td>{d.source ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
