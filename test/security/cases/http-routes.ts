import { TINY_PDF } from '../../support/zip-fixture';
import type { HttpCase } from './types';
import { MARK, VICTIM_VIDEO, v } from '../victim';

/** The id-taking HTTP endpoints (test/endpoint-access.txt), called with the victim's private things. */
export const HTTP_CASES: HttpCase[] = [
  { endpoint: 'GET /archive/:id', path: () => `/archive/${v.rgDraft}` },
  { endpoint: 'GET /attachments/:id', path: () => `/attachments/${v.rgAttachment}`, file: TINY_PDF },
  // Opened by the console's media cookie only, never by a bearer token (its own tests: console-journey).
  { endpoint: 'GET /quan-tri/media/:id', path: () => `/quan-tri/media/${v.rgAttachment}` },
  { endpoint: 'GET /print/:slug', path: () => `/print/${v.rgDraftSlug}` },
  { endpoint: 'GET /bai-viet/:slug', path: () => `/bai-viet/${v.rgDraftSlug}` },
  { endpoint: 'GET /gop-y-du-thao/:slug', path: () => `/gop-y-du-thao/${v.rgHiddenDocSlug}` },
  { endpoint: 'GET /gop-y-du-thao/:slug/da-gui', path: () => `/gop-y-du-thao/${v.rgHiddenDocSlug}/da-gui` },
  {
    endpoint: 'POST /gop-y-du-thao/:slug',
    path: () => `/gop-y-du-thao/${v.rgHiddenDocSlug}`,
    form: () => ({
      name: 'Kẻ lạ',
      email: 'x@example.vn',
      text: 'Góp ý chèn vào dự thảo chưa công bố.',
      website: '',
    }),
  },
  // Static files: a name is never a way to another portal's data (answered the same everywhere).
  { endpoint: 'GET /assets/:name', path: () => `/assets/${MARK}.css` },
  { endpoint: 'GET /assets/theme/:name', path: () => `/assets/theme/${MARK}.css` },
  {
    endpoint: 'GET /tham-do/:id',
    path: () => `/tham-do/${v.rgPoll}`,
    publicOnVictimHost: 'a poll is public on its own portal',
  },
  {
    endpoint: 'POST /tham-do/:id',
    path: () => `/tham-do/${v.rgPoll}`,
    form: () => ({ optionId: v.rgPollOption, website: '' }),
    publicOnVictimHost: 'anyone may vote on the poll’s own portal',
  },
  {
    endpoint: 'GET /sent-information/:id/file',
    path: () => `/sent-information/${v.rgSent}/file`,
    file: TINY_PDF,
  },
  {
    endpoint: 'GET /questions/:id/attachment',
    path: () => `/questions/${v.qWithFile}/attachment`,
    file: TINY_PDF,
  },
  { endpoint: 'GET /reports/exports/:id/file', path: () => `/reports/exports/${v.rgExport}/file` },
  // Without the signed grant a link carries (reporting.e2e-spec.ts checks the grant itself).
  {
    endpoint: 'GET /reports/exports/:id/download',
    path: () =>
      `/reports/exports/${v.rgExport}/download?account=${v.rgExportRequester}&expires=9999999999&signature=x`,
  },
  // Media items: the video of an unpublished item (served with ranges to the portal's officers only).
  { endpoint: 'GET /media/:id', path: () => `/media/${v.rgVideoFile}`, file: VICTIM_VIDEO },
  // Online dialogues: public on their own portal, 404 on every other host.
  {
    endpoint: 'GET /giao-luu/:id',
    path: () => `/giao-luu/${v.rgDialogue}`,
    publicOnVictimHost: 'a session’s page is public on its own portal',
  },
  {
    endpoint: 'GET /giao-luu/:id/tra-loi',
    path: () => `/giao-luu/${v.rgDialogue}/tra-loi`,
    publicOnVictimHost: 'the published answers are public on the session’s own portal',
  },
  {
    endpoint: 'POST /giao-luu/:id',
    path: () => `/giao-luu/${v.rgDialogue}`,
    form: () => ({ name: 'Người lạ', text: 'Câu hỏi gửi nhầm sang cổng khác.', website: '' }),
    publicOnVictimHost: 'anyone may ask on the session’s own portal',
  },
];
