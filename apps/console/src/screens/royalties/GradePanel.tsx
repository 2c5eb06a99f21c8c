import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { gql, GqlError } from '../../api/graphql';
import { GradeItemDoc, RoyaltyGradeDoc } from '../../api/royalties-documents';
import type { ApiError } from '../../api/session';
import type { ConsoleItemQuery, ConsoleRoyaltyGradeQuery, RoyaltyNotPaidReason } from '../../gql/graphql';
import { fmtDateTime, useI18n, useLabel } from '../../i18n';
import { notify } from '../../ui/common';
import { useMe } from '../me';

type Item = NonNullable<ConsoleItemQuery['contentItem']>;
type Grade = NonNullable<ConsoleRoyaltyGradeQuery['royaltyGrade']>;
type Author = { who: string; share: string };

const NOT_PAID: Record<string, [string, string]> = {
  OWN_STAFF_DUTY: ['Nhiệm vụ của cán bộ, công chức', 'Own staff duty'],
  REPOSTED_FROM_PRESS: ['Đăng lại từ báo chí', 'Reposted from the press'],
  OFFICIAL_DOCUMENT: ['Văn bản chỉ đạo, điều hành', 'Official document'],
  OTHER: ['Lý do khác (ghi chú)', 'Other (see the note)'],
};
const FIELD_STYLES = { error: { color: '#c92a2a' }, input: { color: '#1a1b1e' } };
/** An author as the select knows it: `a:<account id>` or `c:<collaborator id>`. */
const whoOf = (a: Grade['authors'][number]) => (a.accountId ? `a:${a.accountId}` : `c:${a.collaboratorId}`);

/**
 * The board's grade of an approved (or published) item: genre and coefficient inside the profile's
 * range, photos, authors with shares, or "not paid" with a reason. Shown to who may approve the item;
 * the server decides (who, ranges, shares) and its typed refusals are shown on their fields.
 */
export function GradePanel({ item }: { item: Item }) {
  const me = useMe();
  const approved = !!item.live || ['APPROVED', 'SCHEDULED'].includes(item.working?.status ?? '');
  const approver = me.has('BOARD_HEAD', 'BOARD_DEPUTY') && item.createdBy !== me.data?.me.id;
  if (!approved || !approver) return null;
  return <GradeForm item={item} />;
}

function GradeForm({ item }: { item: Item }) {
  const { t, msg, lang } = useI18n();
  const label = useLabel();
  const q = useQuery({
    queryKey: ['royaltyGrade', item.id],
    queryFn: () => gql(RoyaltyGradeDoc, { itemId: item.id, tenantId: item.tenantId }),
  });
  const grade = q.data?.royaltyGrade ?? null;
  const [notPaid, setNotPaid] = useState('');
  const [genre, setGenre] = useState('');
  const [coefficient, setCoefficient] = useState('');
  const [photoCount, setPhotoCount] = useState('0');
  const [photoCoefficient, setPhotoCoefficient] = useState('');
  const [reposted, setReposted] = useState(false);
  const [authors, setAuthors] = useState<Author[]>([{ who: `a:${item.createdBy}`, share: '100' }]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // The form starts from the grade in force, when there is one.
  useEffect(() => {
    if (!grade) return;
    setNotPaid(grade.notPaidReason ?? '');
    setGenre(grade.genre ?? '');
    setCoefficient(grade.coefficient ?? '');
    setPhotoCount(String(grade.photoCount));
    setPhotoCoefficient(grade.photoCount ? grade.photoCoefficient : '');
    setReposted(grade.reposted);
    if (grade.authors.length) setAuthors(grade.authors.map((a) => ({ who: whoOf(a), share: a.share })));
    setNote(grade.note ?? '');
  }, [grade?.id]);
  if (!q.data) return null;
  const profiles = q.data.royaltyProfiles;
  // The genres and ranges are those of the profile the portal follows; none: the kind is not paid.
  const profile = profiles.find((p) => p.followedHere && p.eligibleKinds.includes(item.kind));
  if (!profile) return null;
  const g = profile.genres.find((x) => x.key === genre);
  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'en' ? x.nameEn : x.nameVi);
  const fieldError = (...fields: string[]) =>
    error && fields.includes(error.field ?? '') ? msg(error) : undefined;
  const known = [
    'genre',
    'coefficient',
    'photoCount',
    'photoCoefficient',
    'reposted',
    'notPaidReason',
    'note',
  ];
  const authorOptions = [
    {
      value: `a:${item.createdBy}`,
      label: `${item.working?.authorName ?? item.live?.authorName ?? ''} (${t('người viết bài', 'the item’s writer')})`,
    },
    ...q.data.collaborators.map((c) => ({
      value: `c:${c.id}`,
      label: `${c.penName} (${t('cộng tác viên', 'collaborator')})`,
    })),
  ];
  const setAuthor = (i: number, patch: Partial<Author>) =>
    setAuthors(authors.map((a, j) => (j === i ? { ...a, ...patch } : a)));

  const submit = async () => {
    setBusy(true);
    setError(null);
    const photos = Number(photoCount || '0');
    try {
      const r = (
        await gql(GradeItemDoc, {
          input: notPaid
            ? { itemId: item.id, notPaidReason: notPaid as RoyaltyNotPaidReason, note: note || null }
            : {
                itemId: item.id,
                genre: genre || null,
                coefficient,
                photoCount: Number.isInteger(photos) ? photos : -1,
                photoCoefficient: photos > 0 ? photoCoefficient : null,
                reposted,
                note: note || null,
                authors: authors.map((a) => ({
                  share: a.share,
                  ...(a.who.startsWith('a:')
                    ? { accountId: a.who.slice(2) }
                    : { collaboratorId: a.who.slice(2) }),
                })),
              },
        })
      ).gradeItem;
      if (r.__typename === 'InputError') setError(r);
      else {
        notify(t('Đã lưu chấm nhuận bút.', 'Grade saved.'));
        await q.refetch();
      }
    } catch (e) {
      if (e instanceof GqlError) setError(e.error);
      else throw e;
    } finally {
      setBusy(false);
    }
  };

  const inForce = (x: Grade) => {
    const gx = profiles.find((p) => p.key === x.profileKey)?.genres.find((y) => y.key === x.genre);
    const what = x.notPaidReason
      ? `${t('Không trả', 'Not paid')}: ${label(NOT_PAID, x.notPaidReason)}`
      : `${gx ? name(gx) : x.genre}, ${t('hệ số', 'coefficient')} ${x.coefficient}` +
        (x.photoCount
          ? `, ${x.photoCount} ${t('ảnh × hệ số', 'photos × coefficient')} ${x.photoCoefficient}`
          : '') +
        (x.reposted ? `, ${t('đăng lại', 'reposted')}` : '');
    return `${what} (${t('chấm lúc', 'graded')} ${fmtDateTime(x.gradedAt)})`;
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="grade-heading">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack maw={640}>
          <Title order={2} size="h3" id="grade-heading">
            {t('Chấm nhuận bút', 'Royalty grade')}
          </Title>
          <Text>
            {grade
              ? `${t('Đang áp dụng', 'In force')}: ${inForce(grade)}`
              : t('Bài chưa được chấm nhuận bút.', 'The item has not been graded yet.')}
          </Text>
          {error && !known.includes(error.field ?? '') && !error.field?.startsWith('authors') && (
            <Alert color="red" role="alert">
              {msg(error)}
            </Alert>
          )}
          <Text size="sm">
            {t('Bảng nhuận bút của cổng', 'The portal’s royalty profile')}: {profile.nameVi}
          </Text>
          <NativeSelect
            label={t('Trả nhuận bút', 'Paid')}
            value={notPaid}
            onChange={(e) => setNotPaid(e.currentTarget.value)}
            error={fieldError('notPaidReason')}
            styles={FIELD_STYLES}
            data={[
              { value: '', label: t('Trả nhuận bút', 'Paid') },
              ...Object.keys(NOT_PAID).map((k) => ({
                value: k,
                label: `${t('Không trả', 'Not paid')}: ${label(NOT_PAID, k)}`,
              })),
            ]}
          />
          {!notPaid && (
            <>
              <NativeSelect
                label={t('Thể loại', 'Genre')}
                required
                value={genre}
                onChange={(e) => setGenre(e.currentTarget.value)}
                error={fieldError('genre')}
                styles={FIELD_STYLES}
                data={[
                  { value: '', label: t('— Chọn thể loại —', '— Choose a genre —') },
                  ...profile.genres.map((x) => ({ value: x.key, label: name(x) })),
                ]}
              />
              <TextInput
                label={t('Hệ số', 'Coefficient')}
                description={
                  g
                    ? t(`Từ ${g.min} đến ${g.max} (${g.article})`, `From ${g.min} to ${g.max} (${g.article})`)
                    : t('Chọn thể loại để xem khung hệ số', 'Choose a genre to see its range')
                }
                required
                inputMode="decimal"
                value={coefficient}
                onChange={(e) => setCoefficient(e.currentTarget.value)}
                error={fieldError('coefficient')}
                styles={FIELD_STYLES}
              />
              {profile.photoMin && (
                <Group grow align="start">
                  <TextInput
                    label={t('Số ảnh', 'Photos')}
                    inputMode="numeric"
                    value={photoCount}
                    onChange={(e) => setPhotoCount(e.currentTarget.value)}
                    error={fieldError('photoCount')}
                    styles={FIELD_STYLES}
                  />
                  <TextInput
                    label={t('Hệ số mỗi ảnh', 'Coefficient per photo')}
                    description={t(
                      `Từ ${profile.photoMin} đến ${profile.photoMax}`,
                      `From ${profile.photoMin} to ${profile.photoMax}`,
                    )}
                    inputMode="decimal"
                    value={photoCoefficient}
                    onChange={(e) => setPhotoCoefficient(e.currentTarget.value)}
                    error={fieldError('photoCoefficient')}
                    styles={FIELD_STYLES}
                  />
                </Group>
              )}
              {profile.repostPercent && (
                <Checkbox
                  label={t(
                    `Tin bài đăng lại (trả ${profile.repostPercent} %)`,
                    `Reposted item (paid ${profile.repostPercent} %)`,
                  )}
                  checked={reposted}
                  onChange={(e) => setReposted(e.currentTarget.checked)}
                  error={fieldError('reposted')}
                />
              )}
              <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
                <Text component="legend" fw={500}>
                  {t('Tác giả và tỷ lệ hưởng (cộng lại 100 %)', 'Authors and shares (adding up to 100 %)')}
                </Text>
                {authors.map((a, i) => (
                  <Group key={i} align="end">
                    <NativeSelect
                      label={t(`Tác giả ${i + 1}`, `Author ${i + 1}`)}
                      value={a.who}
                      onChange={(e) => setAuthor(i, { who: e.currentTarget.value })}
                      data={authorOptions}
                    />
                    <TextInput
                      label={t(`Tỷ lệ (%) tác giả ${i + 1}`, `Share (%) of author ${i + 1}`)}
                      inputMode="decimal"
                      w={160}
                      value={a.share}
                      onChange={(e) => setAuthor(i, { share: e.currentTarget.value })}
                    />
                    {authors.length > 1 && (
                      <Button variant="default" onClick={() => setAuthors(authors.filter((_, j) => j !== i))}>
                        {t(`Bỏ tác giả ${i + 1}`, `Remove author ${i + 1}`)}
                      </Button>
                    )}
                  </Group>
                ))}
                {fieldError('authors', 'authors.share') && (
                  <Text c="#c92a2a" size="sm" role="alert">
                    {fieldError('authors', 'authors.share')}
                  </Text>
                )}
                <Group>
                  <Button
                    variant="default"
                    onClick={() => setAuthors([...authors, { who: authorOptions[0].value, share: '' }])}
                  >
                    {t('Thêm tác giả', 'Add an author')}
                  </Button>
                </Group>
              </Stack>
            </>
          )}
          <Textarea
            label={t('Ghi chú', 'Note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fieldError('note')}
            styles={FIELD_STYLES}
            autosize
            minRows={2}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('Lưu chấm nhuận bút', 'Save the grade')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
