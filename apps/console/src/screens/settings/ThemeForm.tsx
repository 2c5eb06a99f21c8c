import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Image,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { gql, GqlError } from '../../api/graphql';
import { SetSiteThemeDoc } from '../../api/settings-documents';
import type { ApiError } from '../../api/session';
import type { ConsoleSiteThemeQuery, SiteThemeInput } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { notify } from '../../ui/common';
import { TEXT_CONTRAST, contrastRatio, isHexColour } from './contrast';

type Theme = ConsoleSiteThemeQuery['siteTheme'];
const FIELDS = [
  'primaryColour',
  'accentColour',
  'logoUrl',
  'bannerUrl',
  'bannerAltVi',
  'bannerAltEn',
  'ownerVi',
  'ownerEn',
  'address',
  'phone',
  'email',
  'editorInChief',
  'licence',
] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

/** The national red and gold, the look of a portal nobody above it has changed. */
const DEFAULTS: Partial<Values> = { primaryColour: '#a4161a', accentColour: '#ffcd00' };

function Ratio({ label, ratio }: { label: string; ratio: number | null }) {
  const { t } = useI18n();
  const ok = ratio !== null && ratio >= TEXT_CONTRAST;
  return (
    <Group gap="xs" wrap="nowrap">
      <Badge color={ok ? '#1f6f2e' : '#c92a2a'} variant="filled" radius="sm" tt="none">
        {ratio === null ? '—' : `${ratio.toFixed(2)}:1`}
      </Badge>
      <Text size="sm">
        {label}:{' '}
        {ok
          ? t('đạt', 'passes')
          : t(`chưa đạt, cần ít nhất ${TEXT_CONTRAST}:1`, `fails, ${TEXT_CONTRAST}:1 needed`)}
      </Text>
    </Group>
  );
}

/** The portal's look: colours with a live contrast check, logo or emblem, banner, footer lines. */
export function ThemeForm({ theme, portalName }: { theme: Theme; portalName: string }) {
  const { t, msg } = useI18n();
  const client = useQueryClient();
  const own = new Set(theme.ownFields);
  const initial = Object.fromEntries(
    FIELDS.map((f) => [f, own.has(f) ? ((theme[f] as string | null) ?? '') : '']),
  ) as Values;
  const [values, setValues] = useState<Values>(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // What the pages would show: the own value, else the inherited one, else the default.
  const shown = (f: Field): string =>
    values[f].trim() ||
    (theme.inheritedFields.includes(f) ? ((theme[f] as string | null) ?? '') : (DEFAULTS[f] ?? ''));
  const primary = shown('primaryColour');
  const accent = shown('accentColour');
  const white = isHexColour(primary) ? contrastRatio('#ffffff', primary) : null;
  const onPrimary = isHexColour(primary) && isHexColour(accent) ? contrastRatio(accent, primary) : null;
  const inheritedHint = (f: Field) =>
    theme.inheritedFields.includes(f) && theme[f]
      ? t(`Để trống: dùng của cổng cấp trên (${theme[f]})`, `Empty: the portal above’s (${theme[f]})`)
      : undefined;
  const set = (f: Field) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [f]: value }));
  };
  const input = (f: Field, label: string, extra: { type?: string; description?: string } = {}) => (
    <TextInput
      label={label}
      type={extra.type}
      value={values[f]}
      onChange={set(f)}
      description={extra.description ?? inheritedHint(f)}
      placeholder={theme.inheritedFields.includes(f) ? ((theme[f] as string | null) ?? undefined) : undefined}
      error={error?.field === f ? msg(error) : undefined}
    />
  );
  const colour = (f: 'primaryColour' | 'accentColour', label: string) => (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <Box style={{ flex: 1 }}>
        {input(f, label, { description: inheritedHint(f) ?? t('Dạng #rrggbb', 'Written #rrggbb') })}
      </Box>
      <input
        type="color"
        aria-label={t(`Chọn ${label.toLowerCase()}`, `Pick the ${label.toLowerCase()}`)}
        value={isHexColour(shown(f)) ? shown(f).toLowerCase() : '#000000'}
        onChange={(e) => {
          const value = e.currentTarget.value;
          setValues((v) => ({ ...v, [f]: value }));
        }}
        style={{
          width: 44,
          height: 36,
          border: '1px solid #868e96',
          borderRadius: 4,
          padding: 2,
          marginBottom: error?.field === f ? 22 : 0,
        }}
      />
    </Group>
  );
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const input = Object.fromEntries(FIELDS.map((f) => [f, values[f].trim() || null])) as SiteThemeInput;
      const r = (await gql(SetSiteThemeDoc, { input, tenantId: theme.tenantId })).setSiteTheme;
      if (r.__typename === 'InputError') setError(r);
      else {
        notify(
          t(
            'Đã lưu giao diện. Trang công khai đổi ngay.',
            'The look is saved. The public pages change at once.',
          ),
        );
        await client.invalidateQueries({ queryKey: ['site-theme'] });
      }
    } catch (err) {
      if (err instanceof GqlError) setError(err.error);
    } finally {
      setBusy(false);
    }
  };
  const logo = shown('logoUrl');
  const banner = shown('bannerUrl');
  return (
    <form onSubmit={save} noValidate>
      <Stack>
        {error && !FIELDS.includes(error.field as Field) && (
          <Alert color="red" role="alert">
            {msg(error)}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Card withBorder component="section" aria-labelledby="colours-title">
            <Title order={3} size="h4" id="colours-title" mb="xs">
              {t('Màu sắc', 'Colours')}
            </Title>
            <Stack gap="sm">
              {colour('primaryColour', t('Màu chính (nền đầu trang)', 'Primary colour (header)'))}
              {colour('accentColour', t('Màu nhấn', 'Accent colour'))}
              <div aria-live="polite">
                <Ratio
                  label={t('Chữ trắng trên màu chính', 'White text on the primary colour')}
                  ratio={white}
                />
                <Ratio
                  label={t('Màu nhấn trên màu chính', 'Accent on the primary colour')}
                  ratio={onPrimary}
                />
              </div>
            </Stack>
          </Card>
          <Card withBorder component="section" aria-labelledby="preview-title">
            <Title order={3} size="h4" id="preview-title" mb="xs">
              {t('Xem trước', 'Preview')}
            </Title>
            <Box
              style={{
                background: isHexColour(primary) ? primary : '#a4161a',
                color: '#ffffff',
                padding: 12,
                borderRadius: 4,
              }}
            >
              <Group gap="sm" wrap="nowrap">
                {logo ? (
                  <Image
                    src={logo}
                    alt={t('Biểu trưng của cổng', 'The portal’s logo')}
                    h={48}
                    w="auto"
                    fit="contain"
                  />
                ) : (
                  <Text
                    size="xs"
                    fw={700}
                    style={{ border: '2px solid currentColor', borderRadius: '50%', padding: '10px 6px' }}
                  >
                    {t('Quốc huy', 'Emblem')}
                  </Text>
                )}
                <div>
                  <Text fw={700} c="#ffffff">
                    {portalName}
                  </Text>
                  <Text size="sm" fw={700} style={{ color: isHexColour(accent) ? accent : '#ffcd00' }}>
                    {t('Cổng thông tin điện tử', 'E-portal')}
                  </Text>
                </div>
              </Group>
            </Box>
            {banner && (
              <Image src={banner} alt={shown('bannerAltVi')} mt="xs" mah={120} fit="cover" radius="sm" />
            )}
            <Box mt="xs" p="xs" style={{ background: '#f1f3f5', borderRadius: 4 }}>
              {(['ownerVi', 'address', 'phone', 'email', 'editorInChief', 'licence'] as const)
                .map((f) => shown(f))
                .filter(Boolean)
                .map((line) => (
                  <Text key={line} size="xs">
                    {line}
                  </Text>
                ))}
            </Box>
          </Card>
        </SimpleGrid>
        <Card withBorder component="section" aria-labelledby="images-title">
          <Title order={3} size="h4" id="images-title" mb="xs">
            {t('Biểu trưng và băng-rôn', 'Logo and banner')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {input(
              'logoUrl',
              t(
                'Địa chỉ ảnh biểu trưng (để trống: Quốc huy)',
                'Logo image address (empty: the national emblem)',
              ),
              {
                description:
                  inheritedHint('logoUrl') ??
                  t('https://… hoặc /… trên cổng này', 'https://… or /… on this portal'),
              },
            )}
            {input('bannerUrl', t('Địa chỉ ảnh băng-rôn', 'Banner image address'))}
            {input(
              'bannerAltVi',
              t(
                'Mô tả băng-rôn (tiếng Việt, bắt buộc khi có ảnh)',
                'Banner text alternative (Vietnamese, required with an image)',
              ),
            )}
            {input('bannerAltEn', t('Mô tả băng-rôn (tiếng Anh)', 'Banner text alternative (English)'))}
          </SimpleGrid>
        </Card>
        <Card withBorder component="section" aria-labelledby="footer-title">
          <Title order={3} size="h4" id="footer-title" mb="xs">
            {t('Chân trang', 'Footer')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {input('ownerVi', t('Cơ quan chủ quản (tiếng Việt)', 'Owner agency (Vietnamese)'))}
            {input('ownerEn', t('Cơ quan chủ quản (tiếng Anh)', 'Owner agency (English)'))}
            {input('address', t('Địa chỉ', 'Address'))}
            {input('phone', t('Điện thoại', 'Telephone'), { type: 'tel' })}
            {input('email', t('Thư điện tử', 'E-mail'), { type: 'email' })}
            {input(
              'editorInChief',
              t('Người chịu trách nhiệm (Trưởng ban biên tập)', 'Responsible person (head of the board)'),
            )}
            {input('licence', t('Giấy phép', 'Licence'))}
          </SimpleGrid>
        </Card>
        <Group>
          <Button type="submit" loading={busy}>
            {t('Lưu giao diện', 'Save the look')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
