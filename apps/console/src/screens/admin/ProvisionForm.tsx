import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Code, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { gql } from '../../api/graphql';
import { ProposeLabelDoc, ProvisionDoc } from '../../api/admin-documents';
import type { TenantKind } from '../../gql/graphql';
import type { ApiError } from '../../api/session';
import { useI18n, useLabel } from '../../i18n';
import { notify } from '../../ui/common';
import { TEMPLATES, TENANT_KINDS } from './labels';
import { fieldError, formError, thrown } from './form-errors';
import type { TreeNode } from './PortalTree';

const FIELDS = ['parentId', 'kind', 'nameVi', 'nameEn', 'label', 'unitCode', 'template', 'aliases'];

/** Provision a portal from a template; the domain label it would get is shown as the name is typed. */
export function ProvisionForm({ nodes, onDone }: { nodes: TreeNode[]; onDone: () => void }) {
  const { t, msg } = useI18n();
  const label = useLabel();
  const parents = nodes.filter((n) => n.mayProvision && (n.status === 'ACTIVE' || n.status === 'SUSPENDED'));
  const [parentId, setParentId] = useState(parents[0]?.id ?? '');
  const [kind, setKind] = useState<TenantKind>('WARD');
  const [nameVi, setNameVi] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [domainLabel, setDomainLabel] = useState('');
  const [unitCode, setUnitCode] = useState('');
  const [template, setTemplate] = useState('');
  const [aliases, setAliases] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<{ nameVi: string; primaryHost: string } | null>(null);
  const name = nameVi.normalize('NFC').trim();
  const proposal = useQuery({
    queryKey: ['propose-label', name, kind],
    queryFn: () => gql(ProposeLabelDoc, { name, kind }),
    enabled: name.length > 0,
    staleTime: Infinity,
  });
  const parent = parents.find((p) => p.id === parentId);
  const chosenLabel = domainLabel.trim() || proposal.data?.proposeDomainLabel || '';
  if (parents.length === 0)
    return (
      <Alert color="gray" role="status">
        {t('Bạn không có quyền tạo cổng dưới cổng nào ở đây.', 'You may not provision a portal here.')}
      </Alert>
    );
  const submit = async () => {
    setBusy(true);
    setError(null);
    setMade(null);
    try {
      const r = (
        await gql(ProvisionDoc, {
          input: {
            parentId,
            kind,
            nameVi: name,
            nameEn: nameEn.trim() || null,
            label: domainLabel.trim() || null,
            unitCode: unitCode.trim() || null,
            template: template || null,
            aliases: aliases
              .split(/[\s,]+/)
              .map((a) => a.trim())
              .filter(Boolean),
          },
        })
      ).provisionTenant;
      if (r.__typename === 'InputError') setError(r);
      else {
        setMade(r);
        notify(t(`Đã tạo ${r.nameVi}.`, `${r.nameVi} created.`));
        setNameVi('');
        setNameEn('');
        setDomainLabel('');
        setUnitCode('');
        setAliases('');
        onDone();
      }
    } catch (e) {
      setError(thrown(e));
    }
    setBusy(false);
  };
  const summary = formError(error, FIELDS);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack maw={640}>
        {summary && (
          <Alert color="red" role="alert" title={t('Không tạo được cổng', 'The portal was not created')}>
            {msg(summary)}
          </Alert>
        )}
        {error && !summary && (
          <Alert color="red" role="alert" title={t('Không tạo được cổng', 'The portal was not created')}>
            {t('Vui lòng sửa các ô được đánh dấu.', 'Please correct the marked fields.')}
          </Alert>
        )}
        {made && (
          <Alert color="green" role="status" title={t('Đã tạo cổng', 'Portal created')}>
            {made.nameVi}: <Code>{made.primaryHost}</Code>
          </Alert>
        )}
        <NativeSelect
          label={t('Cổng cấp trên', 'Parent portal')}
          value={parentId}
          onChange={(e) => setParentId(e.currentTarget.value)}
          data={parents.map((p) => ({ value: p.id, label: `${'— '.repeat(p.depth)}${p.nameVi}` }))}
          error={fieldError(error, 'parentId', msg)}
        />
        <NativeSelect
          label={t('Loại cổng', 'Kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as TenantKind)}
          data={Object.keys(TENANT_KINDS).map((k) => ({ value: k, label: label(TENANT_KINDS, k) }))}
          error={fieldError(error, 'kind', msg)}
        />
        <TextInput
          label={t('Tên tiếng Việt', 'Vietnamese name')}
          required
          value={nameVi}
          onChange={(e) => setNameVi(e.currentTarget.value)}
          error={fieldError(error, 'nameVi', msg)}
        />
        <TextInput
          label={t('Tên tiếng Anh', 'English name')}
          value={nameEn}
          onChange={(e) => setNameEn(e.currentTarget.value)}
          error={fieldError(error, 'nameEn', msg)}
        />
        <TextInput
          label={t('Nhãn tên miền (để trống: dùng nhãn đề xuất)', 'Domain label (empty: the proposal)')}
          value={domainLabel}
          placeholder={proposal.data?.proposeDomainLabel}
          onChange={(e) => setDomainLabel(e.currentTarget.value)}
          error={fieldError(error, 'label', msg)}
        />
        <Text size="sm" role="status" aria-live="polite" data-testid="proposed-host">
          {chosenLabel && parent
            ? t('Tên miền sẽ là: ', 'The host will be: ')
            : t('Nhập tên để xem tên miền đề xuất.', 'Type a name to see the proposed host.')}
          {chosenLabel && parent && <Code>{`${chosenLabel}.${parent.primaryHost}`}</Code>}
        </Text>
        <Group grow align="start">
          <TextInput
            label={t('Mã đơn vị hành chính', 'Administrative unit code')}
            value={unitCode}
            onChange={(e) => setUnitCode(e.currentTarget.value)}
            error={fieldError(error, 'unitCode', msg)}
          />
          <NativeSelect
            label={t('Mẫu cổng', 'Template')}
            value={template}
            onChange={(e) => setTemplate(e.currentTarget.value)}
            data={Object.keys(TEMPLATES).map((k) => ({ value: k, label: label(TEMPLATES, k) }))}
            error={fieldError(error, 'template', msg)}
          />
        </Group>
        <TextInput
          label={t('Tên miền phụ (cách nhau bởi dấu phẩy)', 'Aliases (comma separated)')}
          value={aliases}
          onChange={(e) => setAliases(e.currentTarget.value)}
          error={fieldError(error, 'aliases', msg)}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {t('Tạo cổng', 'Create the portal')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
