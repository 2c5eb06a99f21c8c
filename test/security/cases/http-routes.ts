import { TINY_PDF } from '../../../libs/content/src/attachments/zip-fixture';
import type { HttpCase } from './types';
import { MARK, v } from '../victim';

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
];
