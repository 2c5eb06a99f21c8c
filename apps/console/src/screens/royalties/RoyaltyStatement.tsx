import { useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { gql, GqlError } from '../../api/graphql';
import {
  AdjustRoyaltyLineDoc,
  ApproveRoyaltyStatementDoc,
  CheckRoyaltyStatementDoc,
  DraftRoyaltyStatementDoc,
  LockRoyaltyStatementDoc,
  RoyaltyStatementDoc,
  RoyaltyStatementFileDoc,
} from '../../api/royalties-documents';
import type { ApiError } from '../../api/session';
import type { ConsoleRoyaltyStatementQuery } from '../../gql/graphql';
import { fmtDate, fmtDateTime, useI18n, useLabel } from '../../i18n';
import { royalties } from '../../router';
import { ErrorBox, Loading, notify, usePageTitle } from '../../ui/common';
import { useMe } from '../me';

type Statement = NonNullable<ConsoleRoyaltyStatementQuery['royaltyStatement']>;
type Line = Statement['lines'][number];

const STATES: Record<string, [string, string]> = {
  DRAFTED: ['Đang lập', 'Drafted'],
  CHECKED: ['Đã kiểm tra', 'Checked'],
  APPROVED: ['Đã phê duyệt', 'Approved'],
  LOCKED: ['Đã khóa', 'Locked'],
};
// Dark enough for white text (WCAG AA 4.5:1).
const STATE_COLOR: Record<string, string> = {
  DRAFTED: '#495057',
  CHECKED: '#1864ab',
  APPROVED: '#087f5b',
  LOCKED: '#212529',
};
const LINE_KINDS: Record<string, [string, string]> = {
  ROYALTY: ['Nhuận bút', 'Royalty'],
  SYNDICATED: ['Nhuận bút (tin chia sẻ)', 'Royalty (syndicated copy)'],
  REMUNERATION: ['Thù lao', 'Remuneration'],
  ADJUSTMENT: ['Điều chỉnh sau khi chấm lại', 'Adjustment after re-grading'],
  CORRECTION: ['Điều chỉnh khi kiểm tra', 'Correction at the check'],
};
const ADJUSTMENT_STATUS: Record<string, [string, string]> = {
  IN_FORCE: ['Đang áp dụng', 'In force'],
  SUPERSEDED: ['Đã thay bằng điều chỉnh sau', 'Replaced by a later one'],
  WITHDRAWN: ['Đã bỏ', 'Withdrawn'],
  LAPSED: ['Hết hiệu lực (dòng không còn)', 'Lapsed (its line is gone)'],
};

// Amounts stay on one line ("702.000 đ").
const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** The month before the current one in Vietnam: the statement a clerk usually prepares. */
function lastMonth(): string {
  const now = new Date(Date.now() + 7 * 3_600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

function download(fileName: string, contentType: string, base64: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A portal's royalty statement for a month (bảng kê nhuận bút): its lines with grades and amounts,
 * the budget, the board head's corrections, and the steps the workflow allows the person: draft
 * (board head, operator), correct and check (board head), approve (owner), lock (operator).
 */
export function RoyaltyStatementScreen() {
  const { t, lang, msg } = useI18n();
  const label = useLabel();
  usePageTitle(t('Bảng kê nhuận bút', 'Royalty statement'));
  const search = royalties.useSearch();
  const month = search.thang ?? lastMonth();
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useMe();
  const tenantId = me.data?.portal.id;
  const key = ['royaltyStatement', tenantId, month];
  const q = useQuery({
    queryKey: key,
    queryFn: () => gql(RoyaltyStatementDoc, { tenantId: tenantId!, month }),
    enabled: !!tenantId,
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [editing, setEditing] = useState<Line | null>(null);
  // A genre by its name in the statement's profile; the key only where the profile names none.
  const genreOf = (l: Line) =>
    t(l.genreNameVi ?? l.genre ?? '—', l.genreNameEn ?? l.genreNameVi ?? l.genre ?? '—');
  const money = (v: string | number | null | undefined) =>
    v === null || v === undefined ? '—' : `${Number(v).toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN')} đ`;

  if (!me.data || q.isLoading) return <Loading />;
  const s = q.data?.royaltyStatement ?? null;
  const isHead = me.has('BOARD_HEAD');
  const canDraft = me.has('BOARD_HEAD', 'OPERATOR');

  // Runs a step; an expected refusal (InputError) is shown, the statement read again either way.
  const run = async (
    name: string,
    work: () => Promise<{ __typename: string } & Partial<ApiError>>,
    done: string,
  ) => {
    setBusy(name);
    setError(null);
    try {
      const r = await work();
      if (r.__typename === 'InputError') setError(r as ApiError);
      else notify(done);
    } catch (e) {
      if (e instanceof GqlError) setError(e.error);
      else throw e;
    } finally {
      setBusy(null);
      await client.invalidateQueries({ queryKey: key });
    }
  };
  const draft = () =>
    run(
      'draft',
      async () => (await gql(DraftRoyaltyStatementDoc, { tenantId: tenantId!, month })).draftRoyaltyStatement,
      t('Đã lập bảng kê.', 'Statement drafted.'),
    );
  const step = (name: 'check' | 'approve' | 'lock') =>
    run(
      name,
      async () => {
        const statementId = s!.id;
        if (name === 'check')
          return (await gql(CheckRoyaltyStatementDoc, { statementId })).checkRoyaltyStatement;
        if (name === 'approve')
          return (await gql(ApproveRoyaltyStatementDoc, { statementId })).approveRoyaltyStatement;
        return (await gql(LockRoyaltyStatementDoc, { statementId })).lockRoyaltyStatement;
      },
      name === 'check'
        ? t('Đã kiểm tra bảng kê.', 'Statement checked.')
        : name === 'approve'
          ? t('Đã phê duyệt bảng kê.', 'Statement approved.')
          : t('Đã khóa bảng kê.', 'Statement locked.'),
    );
  const file = async (format: 'XLSX' | 'CSV') => {
    setError(null);
    try {
      const f = (await gql(RoyaltyStatementFileDoc, { statementId: s!.id, format })).royaltyStatementFile;
      download(f.fileName, f.contentType, f.base64);
    } catch (e) {
      if (e instanceof GqlError) setError(e.error);
    }
  };

  return (
    <Stack>
      <Title order={1}>{t('Bảng kê nhuận bút, thù lao', 'Royalty and remuneration statement')}</Title>
      <Group align="end">
        <TextInput
          type="month"
          label={t('Tháng', 'Month')}
          value={month}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (/^\d{4}-\d{2}$/.test(v)) void navigate({ to: '/nhuan-but', search: { thang: v } });
          }}
        />
        {s && (
          <>
            <Button variant="default" onClick={() => void file('XLSX')}>
              {t('Tải bảng kê (XLSX)', 'Download the sheet (XLSX)')}
            </Button>
            <Button variant="default" onClick={() => void file('CSV')}>
              {t('Tải bảng kê (CSV)', 'Download the sheet (CSV)')}
            </Button>
          </>
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert" title={t('Không thực hiện được', 'Not done')}>
          {msg(error)}
        </Alert>
      )}
      {q.error && <ErrorBox error={q.error} />}
      {!s && (
        <Paper withBorder p="md">
          <Stack align="start">
            <Text>{t(`Chưa có bảng kê tháng ${month}.`, `There is no statement for ${month} yet.`)}</Text>
            {canDraft && (
              <Button loading={busy === 'draft'} onClick={() => void draft()}>
                {t('Lập bảng kê', 'Draft the statement')}
              </Button>
            )}
          </Stack>
        </Paper>
      )}
      {s && (
        <>
          <Paper withBorder p="md">
            <Stack gap="xs">
              <Group gap="sm">
                <Badge color={STATE_COLOR[s.state]} variant="filled" radius="sm" tt="none">
                  {label(STATES, s.state)}
                </Badge>
                <Text fw={700} size="lg" component="p" m={0}>
                  {t('Tổng cộng', 'Total')}: {money(s.total)}
                </Text>
              </Group>
              <Text size="sm" component="p" m={0}>
                {t('Bảng nhuận bút', 'Royalty profile')}: {s.profileKey} · {t('Lập', 'Drafted')}{' '}
                {fmtDateTime(s.draftedAt)}
                {s.checkedAt && ` · ${t('Kiểm tra', 'Checked')} ${fmtDateTime(s.checkedAt)}`}
                {s.approvedAt && ` · ${t('Phê duyệt', 'Approved')} ${fmtDateTime(s.approvedAt)}`}
                {s.lockedAt && ` · ${t('Khóa', 'Locked')} ${fmtDateTime(s.lockedAt)}`}
              </Text>
              <Group gap="sm">
                {s.state === 'DRAFTED' && canDraft && (
                  <Button variant="default" loading={busy === 'draft'} onClick={() => void draft()}>
                    {t('Lập lại bảng kê', 'Draft again')}
                  </Button>
                )}
                {s.state === 'DRAFTED' && isHead && (
                  <Button loading={busy === 'check'} onClick={() => void step('check')}>
                    {t('Kiểm tra bảng kê', 'Check the statement')}
                  </Button>
                )}
                {s.state === 'CHECKED' && me.has('OWNER') && (
                  <Button loading={busy === 'approve'} onClick={() => void step('approve')}>
                    {t('Phê duyệt bảng kê', 'Approve the statement')}
                  </Button>
                )}
                {s.state === 'APPROVED' && me.has('OPERATOR') && (
                  <Button loading={busy === 'lock'} onClick={() => void step('lock')}>
                    {t('Khóa bảng kê', 'Lock the statement')}
                  </Button>
                )}
              </Group>
            </Stack>
          </Paper>

          {s.warnings.map((w) => (
            <Alert key={w.code} color="orange" role="status" title={t('Lưu ý', 'Note')}>
              {w.message}
            </Alert>
          ))}

          <section aria-labelledby="budget-heading">
            <Title order={2} size="h3" id="budget-heading">
              {t(`Kinh phí năm ${s.budget.year}`, `Budget ${s.budget.year}`)}
            </Title>
            <SimpleGrid cols={{ base: 2, sm: 4 }} mt="xs">
              <Figure label={t('Kinh phí cả năm', 'Yearly budget')} value={money(s.budget.budget)} />
              <Figure label={t('Đã chi các tháng trước', 'Used before')} value={money(s.budget.usedBefore)} />
              <Figure label={t('Tháng này', 'This month')} value={money(s.budget.thisMonth)} />
              <Figure label={t('Còn lại', 'Left')} value={money(s.budget.left)} />
            </SimpleGrid>
          </section>

          <section aria-labelledby="lines-heading">
            <Title order={2} size="h3" id="lines-heading">
              {t('Các dòng chi trả', 'Payment lines')}
            </Title>
            <Table striped withTableBorder mt="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('STT', 'No.')}</Table.Th>
                  <Table.Th scope="col">{t('Người nhận', 'Recipient')}</Table.Th>
                  <Table.Th scope="col">{t('Khoản', 'Kind')}</Table.Th>
                  <Table.Th scope="col">{t('Tin, bài / Nội dung', 'Item / Content')}</Table.Th>
                  <Table.Th scope="col">{t('Thể loại', 'Genre')}</Table.Th>
                  <Table.Th scope="col">{t('Ngày áp dụng', 'Value date')}</Table.Th>
                  <Table.Th scope="col">{t('Hệ số', 'Coefficient')}</Table.Th>
                  <Table.Th scope="col">{t('Tỷ lệ hưởng', 'Share')}</Table.Th>
                  <Table.Th scope="col">{t('Giá trị 1 hệ số', 'Unit value')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('Số tiền', 'Amount')}
                  </Table.Th>
                  {s.state === 'DRAFTED' && isHead && (
                    <Table.Th scope="col">{t('Điều chỉnh', 'Correct')}</Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.lines.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={11}>{t('Không có dòng nào.', 'No lines.')}</Table.Td>
                  </Table.Tr>
                )}
                {s.lines.map((l) => {
                  const correction = l.kind === 'CORRECTION';
                  // The share paid: repost factor × lower-level share × the author's share.
                  const share =
                    (Number(l.factorPercent) * Number(l.levelPercent) * Number(l.sharePercent)) / 10_000;
                  return (
                    <Table.Tr key={l.lineNo}>
                      <Table.Td>{l.lineNo}</Table.Td>
                      <Table.Td>{l.payeeName}</Table.Td>
                      <Table.Td>{label(LINE_KINDS, l.kind)}</Table.Td>
                      <Table.Td>
                        {correction
                          ? t(
                              `Điều chỉnh dòng ${l.adjustsLineNo}. Lý do: ${l.note ?? ''}`,
                              `Corrects line ${l.adjustsLineNo}. Reason: ${l.note ?? ''}`,
                            )
                          : (l.title ?? l.note ?? '—')}
                      </Table.Td>
                      <Table.Td>{correction ? '' : genreOf(l)}</Table.Td>
                      <Table.Td>{fmtDate(`${l.dated}T12:00:00+07:00`)}</Table.Td>
                      <Table.Td>{correction ? '' : l.coefficient}</Table.Td>
                      <Table.Td>
                        {correction ? '' : `${share.toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN')} %`}
                      </Table.Td>
                      <Table.Td style={NOWRAP}>{correction ? '' : money(l.unitValue)}</Table.Td>
                      <Table.Td ta="right" style={NOWRAP}>
                        {money(l.amount)}
                      </Table.Td>
                      {s.state === 'DRAFTED' && isHead && (
                        <Table.Td>
                          {!correction && (
                            <Button
                              size="xs"
                              variant="default"
                              aria-label={t(`Điều chỉnh dòng ${l.lineNo}`, `Correct line ${l.lineNo}`)}
                              onClick={() => setEditing(l)}
                            >
                              {t('Điều chỉnh', 'Correct')}
                            </Button>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </section>

          {editing && s.state === 'DRAFTED' && (
            <CorrectionForm
              key={editing.lineNo}
              statementId={s.id}
              line={editing}
              money={money}
              onDone={async () => {
                setEditing(null);
                await client.invalidateQueries({ queryKey: key });
              }}
              onCancel={() => setEditing(null)}
            />
          )}

          <section aria-labelledby="adjustments-heading">
            <Title order={2} size="h3" id="adjustments-heading">
              {t('Điều chỉnh khi kiểm tra', 'Corrections at the check')}
            </Title>
            {s.adjustments.length === 0 ? (
              <Text mt="xs">{t('Chưa có điều chỉnh nào.', 'No corrections.')}</Text>
            ) : (
              <Table withTableBorder mt="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('Thời điểm', 'When')}</Table.Th>
                    <Table.Th scope="col">{t('Người điều chỉnh', 'By')}</Table.Th>
                    <Table.Th scope="col">{t('Người nhận', 'Recipient')}</Table.Th>
                    <Table.Th scope="col">{t('Số tiền tính được', 'Computed amount')}</Table.Th>
                    <Table.Th scope="col">{t('Điều chỉnh', 'Correction')}</Table.Th>
                    <Table.Th scope="col">{t('Lý do', 'Reason')}</Table.Th>
                    <Table.Th scope="col">{t('Trạng thái', 'Status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.adjustments.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{fmtDateTime(a.adjustedAt)}</Table.Td>
                      <Table.Td>{a.adjustedBy ?? '—'}</Table.Td>
                      <Table.Td>
                        {a.payeeName}
                        {a.entryTitle ? ` — ${a.entryTitle}` : ''}
                      </Table.Td>
                      <Table.Td style={NOWRAP}>{money(a.computedAmount)}</Table.Td>
                      <Table.Td style={NOWRAP}>{money(a.amount)}</Table.Td>
                      <Table.Td>{a.reason}</Table.Td>
                      <Table.Td>
                        {label(ADJUSTMENT_STATUS, a.status)}
                        {a.lineNo ? ` (${t('dòng', 'line')} ${a.lineNo})` : ''}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </section>
        </>
      )}
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" component="p" m={0}>
        {label}
      </Text>
      <Text fw={700} component="p" m={0}>
        {value}
      </Text>
    </Paper>
  );
}

// Mantine's error red (#fa5252) misses 4.5:1 on white: a darker red for the message and the field's text.
const FIELD_STYLES = { error: { color: '#c92a2a' }, input: { color: '#1a1b1e' } };

/** The board head's correction of one line: a signed amount in đồng and the reason. */
function CorrectionForm(props: {
  statementId: string;
  line: Line;
  money: (v: string) => string;
  onDone: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t, msg } = useI18n();
  const { line } = props;
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = (
        await gql(AdjustRoyaltyLineDoc, {
          input: { statementId: props.statementId, lineNo: line.lineNo, amount, reason },
        })
      ).adjustRoyaltyStatementLine;
      if (r.__typename === 'InputError') setError(r);
      else {
        notify(t('Đã lưu điều chỉnh.', 'Correction saved.'));
        await props.onDone();
      }
    } catch (e) {
      if (e instanceof GqlError) setError(e.error);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="correction-heading">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <Stack maw={560}>
          <Title order={2} size="h3" id="correction-heading">
            {t(`Điều chỉnh dòng ${line.lineNo}`, `Correct line ${line.lineNo}`)}
          </Title>
          <Text>
            {line.payeeName}
            {line.title ? ` — ${line.title}` : ''}: {t('số tiền tính được', 'computed amount')}{' '}
            {props.money(line.amount)}.{' '}
            {t(
              'Số tiền tính được giữ nguyên; điều chỉnh là một dòng riêng kèm lý do.',
              'The computed amount stays; the correction is a line of its own with its reason.',
            )}
          </Text>
          {error && !error.field && (
            <Alert color="red" role="alert">
              {msg(error)}
            </Alert>
          )}
          <TextInput
            label={t('Số tiền điều chỉnh (đồng, có dấu + hoặc -)', 'Correction (đồng, with + or -)')}
            description={t(
              'Ví dụ: -50.000 hoặc +16000; 0 để bỏ điều chỉnh đang có',
              'E.g. -50.000 or +16000; 0 withdraws the one in force',
            )}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={error?.field === 'amount' ? msg(error) : undefined}
            styles={FIELD_STYLES}
            required
          />
          <Textarea
            label={t('Lý do', 'Reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error?.field === 'reason' ? msg(error) : undefined}
            styles={FIELD_STYLES}
            autosize
            minRows={2}
            required
          />
          {error && (error.field === 'lineNo' || error.field === 'statementId') && (
            <Alert color="red" role="alert">
              {msg(error)}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={busy}>
              {t('Lưu điều chỉnh', 'Save the correction')}
            </Button>
            <Button variant="default" onClick={props.onCancel}>
              {t('Hủy', 'Cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
