import { useEffect, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { gql } from '../../api/graphql';
import {
  FindLegalDocumentsDoc,
  LegalStatusDoc,
  RelateLegalDocumentsDoc,
  RemoveLegalRelationDoc,
  SetLegalValidityDoc,
} from '../../api/modules-documents';
import type { ApiError } from '../../api/session';
import type { LegalRelationKind, LegalValidity } from '../../gql/graphql';
import { useI18n, useLabel } from '../../i18n';
import { ErrorBox, Loading, notify } from '../../ui/common';
import { fieldError, formError, thrown } from '../admin/form-errors';
import { RELATION, VALIDITY, dmy } from './labels';

const STATED_KINDS = ['REPLACES', 'AMENDS', 'GUIDES', 'REPLACED_BY', 'AMENDED_BY', 'GUIDED_BY'];

/**
 * A legal document's validity as the national database states it (in force, partly, expired, not
 * yet effective; expiry date; the link to its entry) and its relations both ways, with documents
 * of any portal found by their number. Shown on the item page of every legal document; the server
 * decides who may change them (board, operator) and its refusals are shown on their fields.
 */
export function LegalPanel({ itemId }: { itemId: string }) {
  const { t, msg } = useI18n();
  const label = useLabel();
  const client = useQueryClient();
  const q = useQuery({
    queryKey: ['legalStatus', itemId],
    queryFn: () => gql(LegalStatusDoc, { itemId }),
  });
  const status = q.data?.legalDocumentStatus ?? null;
  const [form, setForm] = useState({ validity: 'IN_FORCE', expiryDate: '', nationalDbUrl: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!status) return;
    setForm({
      validity: status.validity ?? 'IN_FORCE',
      expiryDate: status.expiryDate ?? '',
      nationalDbUrl: status.nationalDbUrl ?? '',
    });
  }, [status?.validity, status?.expiryDate, status?.nationalDbUrl]);
  const refresh = () => client.invalidateQueries({ queryKey: ['legalStatus', itemId] });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const r = (
        await gql(SetLegalValidityDoc, {
          itemId,
          input: {
            validity: form.validity as LegalValidity,
            expiryDate: form.expiryDate || null,
            nationalDbUrl: form.nationalDbUrl.trim() || null,
          },
        })
      ).setLegalValidity;
      if (r.__typename === 'InputError') return setError(r);
      notify(t('Đã ghi tình trạng hiệu lực.', 'Validity saved.'));
      await refresh();
    } catch (e) {
      setError(thrown(e));
    } finally {
      setBusy(false);
    }
  };
  const fields = ['validity', 'expiryDate', 'nationalDbUrl'];
  const summary = formError(error, fields);
  // The form is shown once the stored values have come: what was typed before would be replaced by them.
  if (q.isPending)
    return (
      <Paper withBorder p="md" component="section" aria-labelledby="legal-panel-title">
        <Title order={2} size="h3" id="legal-panel-title">
          {t('Hiệu lực và văn bản liên quan', 'Validity and related documents')}
        </Title>
        <Loading />
      </Paper>
    );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="legal-panel-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="legal-panel-title">
          {t('Hiệu lực và văn bản liên quan', 'Validity and related documents')}
        </Title>
        <ErrorBox error={q.error} />
        <Text>
          {t('Hiệu lực hôm nay', 'Validity today')}:{' '}
          <strong>
            {status?.validityToday ? label(VALIDITY, status.validityToday) : t('chưa ghi', 'not stated')}
          </strong>
          {status?.expiryDate ? ` · ${t('hết hiệu lực từ', 'expires')} ${dmy(status.expiryDate)}` : ''}
          {status?.nationalDbUrl ? (
            <>
              {' · '}
              <a href={status.nationalDbUrl} target="_blank" rel="noreferrer">
                {t('Cơ sở dữ liệu quốc gia về văn bản pháp luật', 'National legal database')}
              </a>
            </>
          ) : null}
        </Text>
        <form onSubmit={save} noValidate aria-labelledby="legal-validity-title">
          <Stack gap="sm">
            <Title order={3} size="h4" id="legal-validity-title">
              {t('Tình trạng hiệu lực', 'Validity')}
            </Title>
            {summary && (
              <Alert color="red" role="alert" title={t('Không ghi được', 'Not saved')}>
                {msg(summary)}
              </Alert>
            )}
            <Group align="start" grow>
              <NativeSelect
                label={t('Tình trạng', 'Status')}
                value={form.validity}
                onChange={(e) => setForm({ ...form, validity: e.currentTarget.value })}
                data={Object.keys(VALIDITY).map((v) => ({ value: v, label: label(VALIDITY, v) }))}
                error={fieldError(error, 'validity', msg)}
              />
              <TextInput
                type="date"
                label={t('Ngày hết hiệu lực', 'Expiry date')}
                description={t('Từ ngày này văn bản hết hiệu lực', 'From this day it reads as expired')}
                value={form.expiryDate}
                onChange={(e) => setForm({ ...form, expiryDate: e.currentTarget.value })}
                error={fieldError(error, 'expiryDate', msg)}
              />
            </Group>
            <TextInput
              label={t(
                'Liên kết tới Cơ sở dữ liệu quốc gia về văn bản pháp luật',
                'Link to the national legal database',
              )}
              description="https://vbpl.vn/…"
              value={form.nationalDbUrl}
              onChange={(e) => setForm({ ...form, nationalDbUrl: e.currentTarget.value })}
              error={fieldError(error, 'nationalDbUrl', msg)}
            />
            <Group>
              <Button type="submit" loading={busy}>
                {t('Ghi tình trạng hiệu lực', 'Save the validity')}
              </Button>
            </Group>
          </Stack>
        </form>
        <Relations itemId={itemId} relations={status?.relations ?? []} onChange={refresh} />
      </Stack>
    </Paper>
  );
}

type Relation = {
  id: string;
  kind: string;
  otherItemId: string;
  otherTitle?: string | null;
  otherNumber?: string | null;
};

function Relations(props: { itemId: string; relations: Relation[]; onChange: () => Promise<unknown> }) {
  const { t, msg } = useI18n();
  const label = useLabel();
  const [kind, setKind] = useState('REPLACES');
  const [number, setNumber] = useState('');
  const [found, setFound] = useState<Array<{
    itemId: string;
    portalName: string;
    number: string;
    title: string;
  }> | null>(null);
  const [other, setOther] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const search = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setOther('');
    try {
      const r = await gql(FindLegalDocumentsDoc, { number });
      setFound(r.findLegalDocuments);
      if (r.findLegalDocuments.length) setOther(r.findLegalDocuments[0].itemId);
    } catch (err) {
      setFound(null);
      setError(thrown(err));
    }
  };
  const act = async (work: () => Promise<ApiError | null>, done: string) => {
    setError(null);
    setBusy(true);
    try {
      const refused = await work();
      if (refused) return setError(refused);
      notify(done);
      await props.onChange();
    } catch (err) {
      setError(thrown(err));
    } finally {
      setBusy(false);
    }
  };
  const relate = () =>
    act(
      async () => {
        const r = (
          await gql(RelateLegalDocumentsDoc, {
            input: { itemId: props.itemId, kind: kind as LegalRelationKind, otherItemId: other },
          })
        ).relateLegalDocuments;
        return r.__typename === 'InputError' ? r : null;
      },
      t('Đã thêm quan hệ.', 'Relation added.'),
    );
  const remove = (id: string) =>
    act(
      async () => {
        const r = (await gql(RemoveLegalRelationDoc, { id })).removeLegalRelation;
        return r.__typename === 'InputError' ? r : null;
      },
      t('Đã gỡ quan hệ.', 'Relation removed.'),
    );
  const summary = formError(error, ['number', 'otherItemId', 'kind']);
  return (
    <Stack gap="sm">
      <Title order={3} size="h4" id="legal-relations-title">
        {t('Văn bản liên quan', 'Related documents')}
      </Title>
      {summary && (
        <Alert color="red" role="alert" title={t('Không thực hiện được', 'Not done')}>
          {msg(summary)}
        </Alert>
      )}
      {props.relations.length === 0 ? (
        <Text>{t('Chưa có văn bản liên quan.', 'No related documents yet.')}</Text>
      ) : (
        <Table striped aria-labelledby="legal-relations-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('Quan hệ', 'Relation')}</Table.Th>
              <Table.Th>{t('Số, ký hiệu', 'Number')}</Table.Th>
              <Table.Th>{t('Tên văn bản', 'Title')}</Table.Th>
              <Table.Th>{t('Thao tác', 'Action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.relations.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{label(RELATION, r.kind)}</Table.Td>
                <Table.Td>{r.otherNumber ?? '—'}</Table.Td>
                <Table.Td>{r.otherTitle ?? t('(không xem được)', '(not visible)')}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="outline"
                    color="#c92a2a"
                    aria-label={t(
                      `Gỡ quan hệ với ${r.otherNumber ?? r.otherItemId}`,
                      `Remove the relation with ${r.otherNumber ?? r.otherItemId}`,
                    )}
                    onClick={() => void remove(r.id)}
                  >
                    {t('Gỡ', 'Remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form onSubmit={search} noValidate>
        <Group align="end">
          <NativeSelect
            label={t('Văn bản này', 'This document')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            data={STATED_KINDS.map((k) => ({ value: k, label: label(RELATION, k) }))}
            error={fieldError(error, 'kind', msg)}
          />
          <TextInput
            label={t('Số, ký hiệu văn bản kia (mọi cổng)', 'The other document’s number (any portal)')}
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            error={fieldError(error, 'number', msg)}
          />
          <Button type="submit" variant="outline">
            {t('Tìm văn bản', 'Find')}
          </Button>
        </Group>
      </form>
      {found && found.length === 0 && (
        <Text role="status">
          {t('Không có văn bản đã đăng nào mang số này.', 'No published document has this number.')}
        </Text>
      )}
      {found && found.length > 0 && (
        <Group align="end">
          <NativeSelect
            label={t('Văn bản kia', 'The other document')}
            value={other}
            onChange={(e) => setOther(e.currentTarget.value)}
            data={found.map((d) => ({
              value: d.itemId,
              label: `${d.number} — ${d.title} (${d.portalName})`,
            }))}
            error={fieldError(error, 'otherItemId', msg)}
            style={{ flex: 1 }}
          />
          <Button loading={busy} disabled={!other} onClick={() => void relate()}>
            {t('Thêm quan hệ', 'Add the relation')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
