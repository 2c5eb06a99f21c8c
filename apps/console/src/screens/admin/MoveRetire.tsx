import { useState } from 'react';
import { Alert, Button, Code, NativeSelect, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import { MoveDoc, RetireDoc } from '../../api/admin-documents';
import type { ApiError } from '../../api/session';
import { useI18n } from '../../i18n';
import { notify } from '../../ui/common';
import { fieldError, formError, thrown } from './form-errors';
import type { TreeNode } from './PortalTree';

const live = (n: TreeNode) => n.status === 'ACTIVE' || n.status === 'SUSPENDED';

/** Move a portal (with its subtree) under a new parent, or retire it with a successor. */
export function MoveRetire({ nodes, onDone }: { nodes: TreeNode[]; onDone: () => void }) {
  const { t } = useI18n();
  const movable = nodes.filter((n) => n.mayRestructure && live(n) && n.depth > 0);
  const options = (list: TreeNode[]) => [
    { value: '', label: t('— Chọn —', '— Choose —') },
    ...list.map((n) => ({ value: n.id, label: `${'— '.repeat(n.depth)}${n.nameVi} (${n.primaryHost})` })),
  ];
  if (movable.length === 0)
    return (
      <Alert color="gray" role="status">
        {t('Không có cổng nào bạn được chuyển hay giải thể.', 'There is no portal you may move or retire.')}
      </Alert>
    );
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
      <Move nodes={nodes} movable={movable} options={options} onDone={onDone} />
      <Retire nodes={nodes} movable={movable} options={options} onDone={onDone} />
    </SimpleGrid>
  );
}

interface Props {
  nodes: TreeNode[];
  movable: TreeNode[];
  options: (list: TreeNode[]) => Array<{ value: string; label: string }>;
  onDone: () => void;
}

function Move({ nodes, movable, options, onDone }: Props) {
  const { t, msg } = useI18n();
  const [tenantId, setTenantId] = useState('');
  const [newParentId, setNewParentId] = useState('');
  const [newLabel, setNewLabel] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    setDone(null);
    try {
      const r = (await gql(MoveDoc, { input: { tenantId, newParentId, newLabel: newLabel.trim() || null } }))
        .moveTenant;
      if (r.__typename === 'InputError') return setError(r);
      setDone(r.primaryHost);
      notify(t('Đã chuyển cổng.', 'Portal moved.'));
      onDone();
    } catch (e) {
      setError(thrown(e));
    }
  };
  const summary = formError(error, ['tenantId', 'newParentId', 'newLabel']);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack>
        <Title order={2} size="h3">
          {t('Chuyển cổng sang cổng cấp trên khác', 'Move a portal under another parent')}
        </Title>
        {summary && (
          <Alert color="red" role="alert">
            {msg(summary)}
          </Alert>
        )}
        {done && (
          <Alert color="green" role="status">
            {t('Địa chỉ mới: ', 'New host: ')}
            <Code>{done}</Code>
            {t(' (địa chỉ cũ chuyển hướng 301)', ' (the old host answers 301)')}
          </Alert>
        )}
        <NativeSelect
          label={t('Cổng cần chuyển', 'Portal to move')}
          value={tenantId}
          onChange={(e) => setTenantId(e.currentTarget.value)}
          data={options(movable)}
          error={fieldError(error, 'tenantId', msg)}
        />
        <NativeSelect
          label={t('Cổng cấp trên mới', 'New parent')}
          value={newParentId}
          onChange={(e) => setNewParentId(e.currentTarget.value)}
          data={options(nodes.filter((n) => live(n) && n.mayProvision && n.id !== tenantId))}
          error={fieldError(error, 'newParentId', msg)}
        />
        <TextInput
          label={t('Nhãn tên miền mới (không bắt buộc)', 'New domain label (optional)')}
          value={newLabel}
          onChange={(e) => setNewLabel(e.currentTarget.value)}
          error={fieldError(error, 'newLabel', msg)}
        />
        <Button type="submit" disabled={!tenantId || !newParentId}>
          {t('Chuyển', 'Move')}
        </Button>
      </Stack>
    </form>
  );
}

function Retire({ nodes, movable, options, onDone }: Props) {
  const { t, msg } = useI18n();
  const [tenantId, setTenantId] = useState('');
  const [successorId, setSuccessorId] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    setDone(null);
    try {
      const r = (await gql(RetireDoc, { input: { tenantId, successorId: successorId || null } }))
        .retireTenant;
      if (r.__typename === 'InputError') return setError(r);
      setDone(`${r.nameVi} (${r.primaryHost})`);
      notify(t('Đã giải thể cổng.', 'Portal retired.'));
      onDone();
    } catch (e) {
      setError(thrown(e));
    }
  };
  const summary = formError(error, ['tenantId', 'successorId']);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack>
        <Title order={2} size="h3">
          {t('Giải thể cổng', 'Retire a portal')}
        </Title>
        {summary && (
          <Alert color="red" role="alert">
            {msg(summary)}
          </Alert>
        )}
        {done && (
          <Alert color="green" role="status">
            {t('Đã giải thể; khách truy cập được chuyển tới ', 'Retired; visitors now go to ')}
            {done}
          </Alert>
        )}
        <NativeSelect
          label={t('Cổng cần giải thể', 'Portal to retire')}
          value={tenantId}
          onChange={(e) => setTenantId(e.currentTarget.value)}
          data={options(movable)}
          error={fieldError(error, 'tenantId', msg)}
        />
        <NativeSelect
          label={t('Cổng kế thừa (để trống: cổng cấp trên)', 'Successor (empty: the parent)')}
          value={successorId}
          onChange={(e) => setSuccessorId(e.currentTarget.value)}
          data={options(nodes.filter((n) => live(n) && n.id !== tenantId))}
          error={fieldError(error, 'successorId', msg)}
        />
        <Button type="submit" color="red.9" disabled={!tenantId}>
          {t('Giải thể', 'Retire')}
        </Button>
      </Stack>
    </form>
  );
}
