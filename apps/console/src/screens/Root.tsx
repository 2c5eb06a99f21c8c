import { useEffect, useState, type FormEvent } from 'react';
import { Outlet, Link, useRouterState } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  AppShell,
  Button,
  Center,
  Group,
  Loader,
  NavLink,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { isSignedIn, onSessionChange, refresh, signIn, signOut, type ApiError } from '../api/session';
import { useI18n, useLabel, ROLES } from '../i18n';
import { useMe } from './me';
import { useAdminAccess } from './admin/access';

export function Root() {
  const [state, setState] = useState<'starting' | 'in' | 'out'>(isSignedIn() ? 'in' : 'starting');
  const [reason, setReason] = useState<ApiError | undefined>();
  const client = useQueryClient();
  useEffect(() => {
    const off = onSessionChange((signedIn, why) => {
      if (!signedIn) client.clear();
      setReason(signedIn ? undefined : why);
      setState(signedIn ? 'in' : 'out');
    });
    if (!isSignedIn()) void refresh().then((ok) => setState(ok ? 'in' : 'out'));
    return () => void off();
  }, [client]);
  if (state === 'starting')
    return (
      <Center h="100vh">
        <Loader aria-label="…" />
      </Center>
    );
  if (state === 'out') return <SignIn reason={reason} />;
  return <Shell />;
}

function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('Ngôn ngữ', 'Language')}
      value={lang}
      onChange={(v) => setLang(v as 'vi' | 'en')}
      data={[
        { value: 'vi', label: 'Tiếng Việt' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}

function SignIn({ reason }: { reason?: ApiError }) {
  const { t, msg } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = t('Đăng nhập — Quản trị nội dung', 'Sign in — Content console');
  }, [t]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(await signIn(username, password));
    setBusy(false);
  };
  return (
    <Center mih="100vh" p="md">
      <main style={{ width: '100%', maxWidth: 420 }}>
        <Paper withBorder p="xl" radius="md">
          <form onSubmit={submit} noValidate>
            <Stack>
              <Group justify="space-between">
                <Title order={1} size="h2">
                  {t('Đăng nhập', 'Sign in')}
                </Title>
                <LangSwitch />
              </Group>
              <Text c="dimmed" size="sm">
                {t('Trang quản trị nội dung của cổng thông tin điện tử', 'The e-portal’s content console')}
              </Text>
              {reason && !error && (
                <Alert color="orange" role="status" title={t('Phiên đã kết thúc', 'Session ended')}>
                  {msg(reason)}
                </Alert>
              )}
              {error && (
                <Alert color="red" role="alert" title={t('Không đăng nhập được', 'Sign-in failed')}>
                  {msg(error)}
                </Alert>
              )}
              <TextInput
                label={t('Tên đăng nhập', 'Username')}
                name="username"
                autoComplete="username"
                required
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                error={error?.field === 'username' ? msg(error) : undefined}
              />
              <PasswordInput
                label={t('Mật khẩu', 'Password')}
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <Button type="submit" loading={busy}>
                {t('Đăng nhập', 'Sign in')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </main>
    </Center>
  );
}

function Shell() {
  const { t } = useI18n();
  const label = useLabel();
  const me = useMe();
  const admin = useAdminAccess();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const portalName = me.data?.portal.name ?? '';
  const links = [
    { to: '/', label: t('Bảng điều khiển', 'Dashboard'), show: true },
    { to: '/noi-dung', label: t('Nội dung', 'Content'), show: true },
    {
      to: '/noi-dung/moi',
      label: t('Viết bài mới', 'New item'),
      show: me.has('CONTRIBUTOR', 'BOARD_MEMBER', 'BOARD_HEAD', 'BOARD_DEPUTY'),
    },
    {
      to: '/thong-tin-gui-den',
      label: t('Thông tin gửi đến', 'Information sent in'),
      show: me.has('CONTRIBUTOR', 'UNIT_LEADER', 'BOARD_MEMBER', 'BOARD_HEAD', 'BOARD_DEPUTY'),
    },
    {
      to: '/van-ban',
      label: t('Văn bản pháp luật', 'Legal documents'),
      show: me.has('BOARD_HEAD', 'BOARD_DEPUTY', 'BOARD_MEMBER', 'OPERATOR'),
    },
    {
      to: '/thu-tuc-hanh-chinh',
      label: t('Thủ tục hành chính', 'Public services'),
      show: me.has('BOARD_HEAD', 'BOARD_DEPUTY', 'BOARD_MEMBER', 'OPERATOR'),
    },
    { to: '/uy-quyen', label: t('Ủy quyền phê duyệt', 'Delegate approval'), show: me.has('BOARD_HEAD') },
    { to: '/cay-cong', label: t('Cây cổng thông tin', 'Portal tree'), show: admin.portalTree },
    { to: '/tai-khoan', label: t('Tài khoản và vai trò', 'Accounts and roles'), show: admin.accounts },
    {
      to: '/bao-cao',
      label: t('Báo cáo', 'Reports'),
      show: me.has('OWNER', 'MANAGER', 'OPERATOR', 'BOARD_HEAD', 'BOARD_DEPUTY'),
    },
    {
      to: '/nhat-ky',
      label: t('Nhật ký hệ thống', 'Audit log'),
      show: me.has('OWNER', 'MANAGER', 'OPERATOR'),
    },
    {
      to: '/lich-lam-viec',
      label: t('Ngày làm việc và thời hạn', 'Working days and deadlines'),
      show: me.has('OWNER', 'MANAGER', 'OPERATOR', 'BOARD_HEAD', 'BOARD_DEPUTY', 'BOARD_MEMBER'),
    },
    { to: '/cai-dat', label: t('Cài đặt trang', 'Site settings'), show: me.has('OPERATOR') },
    {
      to: '/lien-thong/chia-se',
      label: t('Chia sẻ liên thông', 'Share across portals'),
      show: me.has('BOARD_HEAD', 'BOARD_DEPUTY', 'BOARD_MEMBER'),
    },
    {
      to: '/lien-thong/hop-thu',
      label: t('Hộp thư liên thông', 'Federation inbox'),
      show: me.has('BOARD_HEAD', 'BOARD_DEPUTY', 'BOARD_MEMBER'),
    },
    {
      to: '/lien-thong/quy-tac',
      label: t('Quy tắc tự động nhận đăng', 'Auto-accept rules'),
      show: me.has('BOARD_HEAD'),
    },
    {
      to: '/lien-thong/tong-hop',
      label: t('Tổng hợp toàn hệ thống', 'Subtree feed'),
      show: (me.data?.myRoles ?? []).some((r) => r.scope === 'SUBTREE' && !r.revokedAt),
    },
    {
      to: '/cong-dan/cau-hoi',
      label: t('Hỏi đáp', 'Questions'),
      show: me.has('BOARD_HEAD', 'BOARD_DEPUTY', 'BOARD_MEMBER'),
    },
    {
      to: '/cong-dan/giao-luu',
      label: t('Giao lưu trực tuyến', 'Online dialogues'),
      show: me.has('BOARD_HEAD', 'BOARD_DEPUTY', 'BOARD_MEMBER'),
    },
    {
      to: '/cong-dan/phan-anh',
      label: t('Phản ánh, kiến nghị', 'Feedback on regulations'),
      show: me.has('BOARD_HEAD', 'BOARD_DEPUTY', 'BOARD_MEMBER'),
    },
    {
      to: '/cong-dan/gop-y',
      label: t('Góp ý dự thảo', 'Consultations'),
      show: me.has('BOARD_HEAD', 'BOARD_DEPUTY', 'BOARD_MEMBER'),
    },
    {
      to: '/cong-dan/danh-gia',
      label: t('Đánh giá của người dân', 'Ratings'),
      show: me.has('OWNER', 'MANAGER', 'OPERATOR', 'BOARD_HEAD'),
    },
    {
      to: '/nhuan-but',
      label: t('Nhuận bút', 'Royalties'),
      show: me.has('BOARD_HEAD', 'BOARD_DEPUTY', 'OPERATOR', 'OWNER', 'MANAGER'),
    },
  ];
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm' }} padding="md">
      <a className="skip-link" href="#main">
        {t('Bỏ qua, tới nội dung chính', 'Skip to main content')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Text fw={700} component="p" m={0} truncate>
            {portalName} · {t('Quản trị', 'Console')}
          </Text>
          <Group gap="sm" wrap="nowrap">
            <LangSwitch />
            <Text size="sm" component="p" m={0}>
              {me.data?.me.displayName}
              {me.roles.length > 0 && ` (${me.roles.map((r) => label(ROLES, r)).join(', ')})`}
            </Text>
            <Button variant="outline" size="xs" onClick={() => void signOut()}>
              {t('Đăng xuất', 'Sign out')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('Menu chính', 'Main menu')}>
        {links
          .filter((l) => l.show)
          .map((l) => (
            <NavLink
              key={l.to}
              component={Link}
              to={l.to}
              label={l.label}
              active={
                l.to === '/' ? path === '/quan-tri/' || path === '/quan-tri' : path === `/quan-tri${l.to}`
              }
            />
          ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" component="main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
