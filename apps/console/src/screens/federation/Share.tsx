import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { gql } from '../../api/graphql';
import {
  ItemSyndicationsDoc,
  LiveItemsDoc,
  PortalTreeDoc,
  ProposeDoc,
  PushDoc,
  RetractDoc,
} from '../../api/federation-documents';
import type { PushPlacement, TenantKind } from '../../gql/graphql';
import { fmtDateTime, KINDS, useI18n, useLabel } from '../../i18n';
import { Loading, usePageTitle } from '../../ui/common';
import { Refused } from '../../ui/refused';
import { DIRECTIONS, PORTAL_KINDS, StateBadge, useAction } from './shared';

type TargetMode = 'all' | 'kinds' | 'subtrees' | 'list';

/**
 * One published item shared across the federation: proposed to an ancestor's board (which decides),
 * pushed to chosen descendants (published there at once), and every copy with a retract button.
 */
export function Share() {
  const { t } = useI18n();
  const label = useLabel();
  usePageTitle(t('Chia sẻ liên thông', 'Share across portals'));
  const tree = useQuery({ queryKey: ['portal-tree'], queryFn: () => gql(PortalTreeDoc) });
  const [query, setQuery] = useState('');
  const items = useQuery({
    queryKey: ['live-items', query],
    queryFn: () => gql(LiveItemsDoc, { query: query || null }),
  });
  const [itemId, setItemId] = useState('');
  const copies = useQuery({
    queryKey: ['item-syndications', itemId],
    queryFn: () => gql(ItemSyndicationsDoc, { itemId }),
    enabled: !!itemId,
  });
  const propose = useAction();
  const push = useAction();
  const retract = useAction();
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [mode, setMode] = useState<TargetMode>('list');
  const [kinds, setKinds] = useState<string[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [placement, setPlacement] = useState<PushPlacement>('ANNOUNCEMENTS');
  if (tree.isLoading) return <Loading />;
  if (tree.error)
    return <Refused title={t('Chia sẻ liên thông', 'Share across portals')} error={tree.error} />;
  const portal = tree.data!.portal;
  const ancestors = [...portal.parentChain].filter((p) => p.id !== portal.id);
  const children = portal.children.filter((c) => c.status === 'ACTIVE');
  const list = items.data?.contentItems.nodes ?? [];

  const sendPropose = () =>
    propose.run(
      async () =>
        (await gql(ProposeDoc, { itemId, targetTenantId: target || null, note: note || null }))
          .proposeSyndication,
      t('Đã gửi đề xuất tới ban biên tập cấp trên.', 'Proposed to the board above.'),
      ['item-syndications'],
    );
  const sendPush = () =>
    push.run(
      async () => {
        const targets =
          mode === 'all'
            ? { all: true }
            : mode === 'kinds'
              ? { portalKinds: kinds as TenantKind[] }
              : mode === 'subtrees'
                ? { subtreeRootIds: chosen }
                : { tenantIds: chosen };
        const r = (await gql(PushDoc, { input: { itemId, targets, placement } })).pushItem;
        return r;
      },
      t('Đã đẩy bài xuống các cổng đã chọn.', 'Pushed to the chosen portals.'),
      ['item-syndications'],
    );

  return (
    <Stack>
      <Title order={1}>{t('Chia sẻ liên thông', 'Share across portals')}</Title>
      <Text>
        {t(
          'Chọn một bài đã đăng của cổng này để đề xuất lên cổng cấp trên hoặc đẩy xuống các cổng cấp dưới.',
          'Choose a published item of this portal to propose it upward or push it down.',
        )}
      </Text>
      <Group align="end">
        <TextInput
          label={t('Tìm bài đã đăng', 'Find a published item')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('Bài viết', 'Item')}
          value={itemId}
          onChange={(e) => setItemId(e.currentTarget.value)}
          data={[
            { value: '', label: t('— Chọn bài —', '— Choose an item —') },
            ...list.map((i) => ({ value: i.id, label: `${i.title} (${label(KINDS, i.kind)})` })),
          ]}
          style={{ flex: 1 }}
        />
      </Group>

      {itemId && ancestors.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="propose-title">
          <Stack>
            <Title order={2} size="h3" id="propose-title">
              {t('Đề xuất lên cổng cấp trên', 'Propose to a portal above')}
            </Title>
            {propose.alert}
            <NativeSelect
              label={t('Gửi tới', 'Send to')}
              value={target}
              onChange={(e) => setTarget(e.currentTarget.value)}
              data={[
                { value: '', label: t('Cổng cấp trên trực tiếp', 'The parent portal') },
                ...ancestors.map((a) => ({ value: a.id, label: a.name })),
              ]}
              error={propose.fieldError('targetTenantId')}
            />
            <Textarea
              label={t('Ghi chú cho ban biên tập nhận', 'Note for the receiving board')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={propose.fieldError('note')}
            />
            <Group>
              <Button onClick={() => void sendPropose()} loading={propose.busy}>
                {t('Đề xuất', 'Propose')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {itemId && children.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="push-title">
          <Stack>
            <Title order={2} size="h3" id="push-title">
              {t('Đẩy xuống cổng cấp dưới', 'Push down to portals below')}
            </Title>
            {push.alert}
            <Radio.Group
              label={t('Cổng nhận', 'Receiving portals')}
              value={mode}
              onChange={(v) => {
                setMode(v as TargetMode);
                setChosen([]);
              }}
            >
              <Group mt="xs">
                <Radio value="all" label={t('Tất cả cổng cấp dưới', 'Every portal below')} />
                <Radio value="kinds" label={t('Theo loại cổng', 'By kind of portal')} />
                <Radio value="subtrees" label={t('Theo nhánh', 'By branch')} />
                <Radio value="list" label={t('Danh sách cổng', 'A list of portals')} />
              </Group>
            </Radio.Group>
            {mode === 'kinds' && (
              <Checkbox.Group label={t('Loại cổng', 'Kinds of portal')} value={kinds} onChange={setKinds}>
                <Group mt="xs">
                  {Object.keys(PORTAL_KINDS).map((k) => (
                    <Checkbox key={k} value={k} label={label(PORTAL_KINDS, k)} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
            {(mode === 'subtrees' || mode === 'list') && (
              <Checkbox.Group
                label={
                  mode === 'subtrees'
                    ? t('Cổng gốc của nhánh (gồm các cổng bên dưới)', 'Branch roots (with the portals below)')
                    : t('Các cổng nhận', 'Receiving portals')
                }
                value={chosen}
                onChange={setChosen}
                error={push.fieldError('targets')}
              >
                <Stack gap={4} mt="xs">
                  {children.map((c) => (
                    <Checkbox key={c.id} value={c.id} label={`${c.name} (${c.primaryHost})`} />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
            <NativeSelect
              label={t('Vị trí hiển thị', 'Placement')}
              value={placement}
              onChange={(e) => setPlacement(e.currentTarget.value as PushPlacement)}
              data={[
                { value: 'ANNOUNCEMENTS', label: t('Mục thông báo', 'Announcements section') },
                { value: 'PINNED', label: t('Ghim trên trang chủ', 'Pinned on the home page') },
              ]}
            />
            <Group>
              <Button onClick={() => void sendPush()} loading={push.busy}>
                {t('Đẩy xuống', 'Push down')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {itemId && (
        <Stack component="section" aria-labelledby="copies-title">
          <Title order={2} size="h3" id="copies-title">
            {t('Nơi bài đã được chia sẻ', 'Where the item was shared')}
          </Title>
          {retract.alert}
          {copies.isLoading ? (
            <Loading />
          ) : (copies.data?.itemSyndications.length ?? 0) === 0 ? (
            <Text>{t('Chưa chia sẻ tới cổng nào.', 'Not shared yet.')}</Text>
          ) : (
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('Hướng', 'Direction')}</Table.Th>
                  <Table.Th>{t('Cổng nhận', 'Receiving portal')}</Table.Th>
                  <Table.Th>{t('Trạng thái', 'State')}</Table.Th>
                  <Table.Th>{t('Thời điểm', 'When')}</Table.Th>
                  <Table.Th>{t('Lý do', 'Reason')}</Table.Th>
                  <Table.Th>{t('Thao tác', 'Action')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {copies.data!.itemSyndications.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{label(DIRECTIONS, s.direction)}</Table.Td>
                    <Table.Td>
                      {s.state === 'ACCEPTED' && s.slug && s.targetPortal ? (
                        <Anchor href={`//${localHost(s.targetPortal.primaryHost)}/bai-viet/${s.slug}`}>
                          {s.targetPortal.nameVi}
                        </Anchor>
                      ) : (
                        (s.targetPortal?.nameVi ?? '—')
                      )}
                    </Table.Td>
                    <Table.Td>
                      <StateBadge state={s.state} />
                    </Table.Td>
                    <Table.Td>{fmtDateTime(s.decidedAt ?? s.proposedAt)}</Table.Td>
                    <Table.Td>{s.reason ?? '—'}</Table.Td>
                    <Table.Td>
                      {s.sourcePortal?.id === portal.id &&
                        (s.state === 'PROPOSED' || s.state === 'ACCEPTED') && (
                          <Button
                            size="xs"
                            variant="outline"
                            color="red.9"
                            aria-label={`${t('Thu hồi', 'Retract')}: ${s.targetPortal?.nameVi ?? ''}`}
                            onClick={() =>
                              void retract.run(
                                async () => (await gql(RetractDoc, { id: s.id })).retractSyndication,
                                t('Đã thu hồi.', 'Retracted.'),
                                ['item-syndications'],
                              )
                            }
                          >
                            {t('Thu hồi', 'Retract')}
                          </Button>
                        )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** The address a portal's host answers on here: `.gov.vn` hosts map to `.localhost` locally. */
export function localHost(host: string): string {
  const here = window.location.host;
  if (!here.includes('.localhost')) return host;
  return `${host.replace(/\.gov\.vn$/, '.localhost')}${window.location.port ? `:${window.location.port}` : ''}`;
}
