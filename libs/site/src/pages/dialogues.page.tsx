import type { ReactNode } from 'react';
import type { DialogueSessionEntity, PublicDialogueAnswer, PublicDialogueView } from '@portal/engagement';
import { SITE_ASSETS } from '../assets/site-assets';
import {
  ErrorSummary,
  Field,
  type FieldErrors,
  type FormChallenge,
  WriteChecks,
} from '../components/form-parts';
import { Layout } from '../components/layout';
import { formatDateTime, isoDate, localePath, t, type SiteLocale } from '../render/locale';
import type { SiteChrome } from '../render/site-chrome';
import { SITE_PATHS } from '../render/site-paths';

/** Seconds between reloads of a live session's page without JavaScript (WCAG 2.2.1: it can be turned off). */
export const DIALOGUE_REFRESH_SECONDS = 60;
/** Seconds between the enhancement script's looks for new answers. */
export const DIALOGUE_POLL_SECONDS = 10;

const STATE: Record<string, [string, string]> = {
  SCHEDULED: ['Sắp diễn ra', 'Upcoming'],
  OPEN: ['Đang nhận câu hỏi', 'Taking questions'],
  LIVE: ['Đang diễn ra', 'Live now'],
  ENDED: ['Đã kết thúc', 'Ended'],
  TRANSCRIPT_PUBLISHED: ['Đã kết thúc', 'Ended'],
  CANCELLED: ['Đã hủy', 'Cancelled'],
};

const titleOf = (locale: SiteLocale, s: DialogueSessionEntity) => (locale === 'en' && s.titleEn) || s.titleVi;
const topicOf = (locale: SiteLocale, s: DialogueSessionEntity) => (locale === 'en' && s.topicEn) || s.topicVi;
const paragraphs = (text: string) => text.split(/\n+/).filter((p) => p.trim());

/** How an asker and a guest are named above an answer (shared with the JSON the script reads). */
export const askerLabel = (locale: SiteLocale, name: string) =>
  t(locale, `Bạn ${name} hỏi:`, `${name} asks:`);
export const guestLabel = (locale: SiteLocale, a: PublicDialogueAnswer) =>
  a.guest ? `${a.guest.name}, ${a.guest.jobTitle}` : t(locale, 'Khách mời', 'Guest');

function When(props: { locale: SiteLocale; session: DialogueSessionEntity }): ReactNode {
  const { locale, session } = props;
  const [vi, en] = STATE[session.state];
  return (
    <p className="meta">
      <span className="badge">{t(locale, vi, en)}</span>
      <time dateTime={isoDate(session.startsAt)}>{formatDateTime(locale, session.startsAt)}</time> –{' '}
      <time dateTime={isoDate(session.endsAt)}>{formatDateTime(locale, session.endsAt)}</time> ·{' '}
      {session.place}
    </p>
  );
}

/** The portal's dialogues: live now, upcoming, and past ones (with their transcripts). */
export function DialoguesPage(props: { chrome: SiteChrome; sessions: DialogueSessionEntity[] }): ReactNode {
  const { chrome } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const title = L('Giao lưu trực tuyến', 'Online dialogues');
  const groups: Array<[string, string, string, DialogueSessionEntity[]]> = [
    ['h-live', L('Đang diễn ra', 'Live now'), '', props.sessions.filter((s) => s.state === 'LIVE')],
    [
      'h-upcoming',
      L('Sắp diễn ra', 'Upcoming'),
      '',
      props.sessions
        .filter((s) => s.state === 'SCHEDULED' || s.state === 'OPEN')
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
    ],
    [
      'h-past',
      L('Đã diễn ra', 'Past dialogues'),
      '',
      props.sessions.filter(
        (s) => s.state === 'ENDED' || s.state === 'TRANSCRIPT_PUBLISHED' || s.state === 'CANCELLED',
      ),
    ],
  ];
  return (
    <Layout
      chrome={chrome}
      head={{
        title,
        description: L('Các buổi giao lưu trực tuyến của cổng thông tin.', 'The portal’s online dialogues.'),
      }}
      breadcrumbs={[{ label: title, href: '' }]}
      alternatePath={SITE_PATHS.dialogues}
    >
      <h1 className="page-title">{title}</h1>
      {groups.map(([id, heading, , rows]) => (
        <section key={id} aria-labelledby={id}>
          <h2 id={id}>{heading}</h2>
          {rows.length ? (
            <ul className="item-list">
              {rows.map((s) => (
                <li key={s.id}>
                  <h3 className="item-title">
                    <a href={localePath(locale, SITE_PATHS.dialogue(s.id))}>{titleOf(locale, s)}</a>
                  </h3>
                  <When locale={locale} session={s} />
                </li>
              ))}
            </ul>
          ) : (
            <p>{L('Không có buổi giao lưu nào.', 'None.')}</p>
          )}
        </section>
      ))}
    </Layout>
  );
}

export interface AskValues {
  name?: string;
  email?: string;
  phone?: string;
  text?: string;
}

function Answer(props: { locale: SiteLocale; a: PublicDialogueAnswer }): ReactNode {
  const { locale, a } = props;
  return (
    <li className="dialogue-answer" id={`tl-${a.id}`}>
      <div className="dialogue-q">
        <p className="meta">{askerLabel(locale, a.askerName)}</p>
        {paragraphs(a.question).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      <div className="dialogue-a">
        <p className="meta">
          <strong>{guestLabel(locale, a)}</strong>
          <time dateTime={isoDate(a.answeredAt)}> · {formatDateTime(locale, a.answeredAt)}</time>
        </p>
        {paragraphs(a.answer).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
    </li>
  );
}

/**
 * One session: guests, schedule, the published answers (newest first while live, in the order given
 * afterwards) and the question form while it takes questions. While live, the page reloads itself
 * without JavaScript (which the visitor can turn off, `?tudong=0`) and, with it, the small
 * same-origin script fetches the new answers into the list (an `aria-live` region).
 */
export function DialoguePage(props: {
  chrome: SiteChrome;
  view: PublicDialogueView;
  autoRefresh: boolean;
  errors: FieldErrors;
  values: AskValues;
  challenge: FormChallenge | null;
  receiptCode: string | null;
}): ReactNode {
  const { chrome, view, errors, values } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const s = view.session;
  const title = titleOf(locale, s);
  const live = s.state === 'LIVE';
  const asking = s.state === 'OPEN' || s.state === 'LIVE';
  const here = localePath(locale, SITE_PATHS.dialogue(s.id));
  const answers = live ? [...view.answers].reverse() : view.answers;
  return (
    <Layout
      chrome={chrome}
      head={{
        title,
        description: topicOf(locale, s).slice(0, 200),
        refreshSeconds:
          live && props.autoRefresh && !props.receiptCode && !Object.keys(errors).length
            ? DIALOGUE_REFRESH_SECONDS
            : null,
        script: live ? SITE_ASSETS.dialogueScriptPath : null,
      }}
      breadcrumbs={[
        {
          label: L('Giao lưu trực tuyến', 'Online dialogues'),
          href: localePath(locale, SITE_PATHS.dialogues),
        },
        { label: title, href: '' },
      ]}
      alternatePath={SITE_PATHS.dialogue(s.id)}
    >
      <h1 className="page-title">{title}</h1>
      <When locale={locale} session={s} />
      {s.state === 'CANCELLED' && s.cancelReason ? (
        <p>
          <strong>{L('Buổi giao lưu đã hủy', 'This dialogue was cancelled')}:</strong> {s.cancelReason}
        </p>
      ) : null}
      {paragraphs(topicOf(locale, s)).map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      {view.transcriptSlug ? (
        <p className="panel-confirm">
          <a href={localePath(locale, SITE_PATHS.article(view.transcriptSlug))}>
            {L('Xem toàn văn nội dung buổi giao lưu', 'Read the full transcript of the dialogue')}
          </a>
        </p>
      ) : null}
      <section aria-labelledby="h-guests">
        <h2 id="h-guests">{L('Khách mời', 'Guests')}</h2>
        <ul className="dialogue-guests">
          {view.guests.map((g) => (
            <li key={g.id}>
              <strong>{g.name}</strong>
              {g.kind === 'EXPERT' ? ` (${L('chuyên gia', 'expert')})` : ''}
              <span className="meta">
                {g.jobTitle}, {g.unit}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {props.receiptCode ? (
        <div className="panel-confirm" role="status">
          <h2>{L('Đã gửi câu hỏi', 'Your question was sent')}</h2>
          <p>{L('Mã số câu hỏi của bạn', 'Your tracking code')}:</p>
          <p className="tracking-code">{props.receiptCode}</p>
          <p>
            {L(
              'Ban Biên tập sẽ chọn câu hỏi để khách mời trả lời; câu trả lời được đăng trên trang này.',
              'The editorial board selects questions for the guests; answers are published on this page.',
            )}
          </p>
        </div>
      ) : null}
      <section aria-labelledby="h-answers">
        <h2 id="h-answers">{L('Câu hỏi và trả lời', 'Questions and answers')}</h2>
        {live ? (
          <div className="dialogue-live">
            <p>
              <a href={props.autoRefresh ? here : `${here}?tudong=0`}>{L('Cập nhật', 'Refresh')}</a>
              {' · '}
              {props.autoRefresh ? (
                <>
                  {L(
                    `Trang tự cập nhật câu trả lời mới (mỗi ${DIALOGUE_REFRESH_SECONDS} giây khi trình duyệt không chạy JavaScript).`,
                    `New answers appear by themselves (every ${DIALOGUE_REFRESH_SECONDS} seconds when your browser runs no JavaScript).`,
                  )}{' '}
                  <a href={`${here}?tudong=0`}>{L('Tắt tự động cập nhật', 'Turn automatic updates off')}</a>
                </>
              ) : (
                <>
                  {L('Tự động cập nhật đang tắt.', 'Automatic updates are off.')}{' '}
                  <a href={here}>{L('Bật tự động cập nhật', 'Turn automatic updates on')}</a>
                </>
              )}
            </p>
            <p id="dialogue-status" role="status" className="meta" />
          </div>
        ) : null}
        {answers.length ? null : (
          <p id="dialogue-empty">
            {L('Chưa có câu trả lời nào được đăng.', 'No answers have been published yet.')}
          </p>
        )}
        <ol
          id="dialogue-answers"
          className="dialogue-answers"
          aria-live={live ? 'polite' : undefined}
          data-live={live && props.autoRefresh ? '1' : undefined}
          data-source={live ? `${here}/tra-loi` : undefined}
          data-interval={live ? String(DIALOGUE_POLL_SECONDS) : undefined}
        >
          {answers.map((a) => (
            <Answer key={a.id} locale={locale} a={a} />
          ))}
        </ol>
      </section>
      <section aria-labelledby="h-ask" id="gui-cau-hoi">
        <h2 id="h-ask">{L('Gửi câu hỏi', 'Send a question')}</h2>
        {/* Also when the session stopped taking questions between showing the form and sending it. */}
        <ErrorSummary locale={locale} errors={errors} />
        {asking ? (
          <>
            <p>
              {L(
                'Thư điện tử và số điện thoại (không bắt buộc) chỉ Ban Biên tập xem, không được công khai. Họ tên của bạn được đăng cùng câu hỏi nếu câu hỏi được chọn.',
                'Your e-mail and phone number (optional) are seen by the editorial board only, never published. Your name is published with your question if it is selected.',
              )}
            </p>
            <form className="form" method="post" action={here} noValidate>
              <Field
                name="name"
                label={L('Họ và tên', 'Name')}
                value={values.name}
                error={errors.name}
                required
                autoComplete="name"
                maxLength={100}
              />
              <Field
                name="email"
                type="email"
                label={L('Thư điện tử (không bắt buộc)', 'E-mail (optional)')}
                value={values.email}
                error={errors.email}
                autoComplete="email"
                maxLength={254}
              />
              <Field
                name="phone"
                type="tel"
                label={L('Số điện thoại (không bắt buộc)', 'Phone (optional)')}
                value={values.phone}
                error={errors.phone}
                autoComplete="tel"
                maxLength={20}
              />
              <Field
                name="text"
                multiline
                label={L('Câu hỏi', 'Question')}
                value={values.text}
                error={errors.text}
                required
                maxLength={2000}
              />
              <WriteChecks locale={locale} challenge={props.challenge} error={errors.challengeAnswer} />
              <button type="submit" className="button">
                {L('Gửi câu hỏi', 'Send the question')}
              </button>
            </form>
          </>
        ) : (
          <p>
            {s.state === 'SCHEDULED'
              ? L('Buổi giao lưu chưa mở nhận câu hỏi.', 'The dialogue does not take questions yet.')
              : L('Buổi giao lưu không còn nhận câu hỏi.', 'The dialogue no longer takes questions.')}
          </p>
        )}
      </section>
    </Layout>
  );
}
