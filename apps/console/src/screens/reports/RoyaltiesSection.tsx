import { Card, Table, Text, Title } from '@mantine/core';
import type { ConsoleReportQuery } from '../../gql/graphql';
import { useI18n, useLabel } from '../../i18n';

type Royalties = ConsoleReportQuery['report']['royalties'];
type Amounts = {
  lines: number;
  payees: number;
  royalties: string;
  syndicated: string;
  remuneration: string;
  adjustments: string;
  total: string;
};

const STATES: Record<string, [string, string]> = {
  DRAFTED: ['đang lập', 'drafted'],
  CHECKED: ['đã kiểm tra', 'checked'],
  APPROVED: ['đã phê duyệt', 'approved'],
  LOCKED: ['đã khóa', 'locked'],
};

/**
 * Royalties and remuneration of the report (nhuận bút, thù lao): what the approved and locked
 * statements of the period paid, in total, per month, per unit and per portal; the statements not
 * yet approved are named, not added up. Never payment details.
 */
export function RoyaltiesSection({ royalties, many }: { royalties: Royalties; many: boolean }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const money = (v: string) => `${Number(v).toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN')} đ`;
  const headings = (
    <>
      <Table.Th scope="col">{t('Số dòng', 'Lines')}</Table.Th>
      <Table.Th scope="col">{t('Người nhận', 'Recipients')}</Table.Th>
      <Table.Th scope="col">{t('Nhuận bút', 'Royalties')}</Table.Th>
      <Table.Th scope="col">{t('Tin chia sẻ', 'Syndicated copies')}</Table.Th>
      <Table.Th scope="col">{t('Thù lao', 'Remuneration')}</Table.Th>
      <Table.Th scope="col">{t('Điều chỉnh', 'Adjustments')}</Table.Th>
      <Table.Th scope="col">{t('Tổng cộng', 'Total')}</Table.Th>
    </>
  );
  const cells = (a: Amounts) => (
    <>
      <Table.Td>{a.lines}</Table.Td>
      <Table.Td>{a.payees}</Table.Td>
      <Table.Td>{money(a.royalties)}</Table.Td>
      <Table.Td>{money(a.syndicated)}</Table.Td>
      <Table.Td>{money(a.remuneration)}</Table.Td>
      <Table.Td>{money(a.adjustments)}</Table.Td>
      <Table.Td fw={700}>{money(a.total)}</Table.Td>
    </>
  );
  const total = royalties.total;
  const paying = royalties.portals.filter((p) => p.figures.lines > 0);
  return (
    <Card withBorder component="section" aria-labelledby="royalties-title">
      <Title order={3} id="royalties-title" mb="xs">
        {t('Nhuận bút, thù lao', 'Royalties and remuneration')}
      </Title>
      <Text size="sm" mb="xs">
        {t(
          'Theo các bảng kê đã phê duyệt hoặc đã khóa của các tháng trong kỳ.',
          'From the approved and locked statements of the months of the period.',
        )}
      </Text>
      {total.lines === 0 && (
        <Text>
          {t('Không có bảng kê nào đã phê duyệt trong kỳ.', 'No statement of the period has been approved.')}
        </Text>
      )}
      {total.lines > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped captionSide="top" aria-labelledby="royalties-month-title">
            <Table.Caption id="royalties-month-title" ta="left">
              {t('Theo tháng', 'By month')}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('Tháng', 'Month')}</Table.Th>
                {headings}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {total.byMonth.map((m) => (
                <Table.Tr key={m.month}>
                  <Table.Td>{m.month}</Table.Td>
                  {cells(m)}
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td fw={700}>{t('Cả kỳ', 'The period')}</Table.Td>
                {cells(total)}
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total.byUnit.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped captionSide="top" aria-labelledby="royalties-unit-title">
            <Table.Caption id="royalties-unit-title" ta="left">
              {t('Theo đơn vị', 'By unit')}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('Đơn vị', 'Unit')}</Table.Th>
                {headings}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {total.byUnit.map((u) => (
                <Table.Tr key={`${u.outside}-${u.unit ?? ''}`}>
                  <Table.Td>
                    {u.outside
                      ? t('Cộng tác viên ngoài', 'Outside collaborators')
                      : (u.unit ?? t('Không thuộc đơn vị', 'In no unit'))}
                  </Table.Td>
                  {cells(u)}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {many && paying.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped captionSide="top" aria-labelledby="royalties-portal-title">
            <Table.Caption id="royalties-portal-title" ta="left">
              {t('Theo cổng', 'By portal')}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('Cổng', 'Portal')}</Table.Th>
                {headings}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {paying.map((p) => (
                <Table.Tr key={p.portal.id}>
                  <Table.Td>{p.portal.nameVi}</Table.Td>
                  {cells(p.figures)}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {royalties.notCounted.length > 0 && (
        <Text size="sm" mt="xs">
          {t('Bảng kê chưa phê duyệt (không cộng): ', 'Statements not yet approved (not added): ')}
          {royalties.notCounted
            .map((n) => `${n.portal.nameVi} ${n.month} (${label(STATES, n.state)})`)
            .join('; ')}
        </Text>
      )}
    </Card>
  );
}
