import { DomainError, inputError } from '@portal/platform';
import { plainText } from '../sanitize/html-sanitizer';
import {
  PROJECT_STATUSES,
  RECEPTION_TYPES,
  TENDER_STATUSES,
  checkStructured,
  isEmailAddress,
  isPhoneNumber,
} from './structured-fields';
import { ContentErrorCode } from '../errors/content-error-code';

/** What a portal carries (docs/domain.md; Decree 42/2022 art. 4; 641/QĐ-UBND art. 14; 1376/QĐ-SVHTT art. 7). */
export enum ContentKind {
  NEWS = 'NEWS',
  ANNOUNCEMENT = 'ANNOUNCEMENT',
  DIRECTIVE = 'DIRECTIVE',
  WORK_SCHEDULE = 'WORK_SCHEDULE',
  LEGAL_DOCUMENT = 'LEGAL_DOCUMENT',
  DRAFT_DOCUMENT = 'DRAFT_DOCUMENT',
  GAZETTE_ISSUE = 'GAZETTE_ISSUE',
  PROJECT = 'PROJECT',
  STATISTICS_REPORT = 'STATISTICS_REPORT',
  ADMINISTRATIVE_PROCEDURE = 'ADMINISTRATIVE_PROCEDURE',
  ORGANISATION_PAGE = 'ORGANISATION_PAGE',
  LEADER_PROFILE = 'LEADER_PROFILE',
  CONTACT_ENTRY = 'CONTACT_ENTRY',
  QA_ITEM = 'QA_ITEM',
  GENERIC_PAGE = 'GENERIC_PAGE',
  /** Dissemination of, and guidance on, a legal text: due from the text's issue, not the event. */
  LAW_DISSEMINATION = 'LAW_DISSEMINATION',
  /** A science programme or research topic: due from its approval, or from its acceptance for results. */
  SCIENCE_PROGRAMME = 'SCIENCE_PROGRAMME',
  /** The citizen-reception schedule: regular, periodic and ad hoc sessions (1376/QĐ-SVHTT art. 7.1.l). */
  CITIZEN_RECEPTION = 'CITIZEN_RECEPTION',
  /** A video clip (MP4/WebM) with an optional poster and captions (docs/editorial.md, media). */
  VIDEO = 'VIDEO',
  /** An audio recording (MP3/M4A) with an optional poster and captions. */
  AUDIO = 'AUDIO',
  /** A photo gallery: ordered photos with caption and credit, each counted for royalties. */
  PHOTO_GALLERY = 'PHOTO_GALLERY',
}

type FieldType =
  'text' | 'longText' | 'date' | 'dateTime' | 'number' | 'enum' | 'time' | 'list' | 'phone' | 'email';

interface FieldSpec {
  type: FieldType;
  required?: boolean;
  values?: readonly string[];
  max?: number;
  /** For lists: the fields of each entry. */
  of?: Record<string, FieldSpec>;
}

const LEGAL_FORMS = [
  'LUAT',
  'NGHI_QUYET',
  'NGHI_DINH',
  'QUYET_DINH',
  'THONG_TU',
  'CHI_THI',
  'CONG_VAN',
  'THONG_BAO',
  'KE_HOACH',
  'KHAC',
] as const;

/** Kind-specific fields, besides title, summary, body, author and source which every item has. */
export const KIND_FIELDS: Record<ContentKind, Record<string, FieldSpec>> = {
  [ContentKind.NEWS]: { eventDate: { type: 'date' } },
  [ContentKind.ANNOUNCEMENT]: { eventDate: { type: 'date' } },
  [ContentKind.DIRECTIVE]: { eventDate: { type: 'date' }, issuer: { type: 'text' } },
  [ContentKind.WORK_SCHEDULE]: {
    weekStart: { type: 'date', required: true },
    entries: {
      type: 'list',
      required: true,
      max: 200,
      of: {
        date: { type: 'date', required: true },
        time: { type: 'time', required: true },
        place: { type: 'text', required: true },
        leader: { type: 'text', required: true },
        content: { type: 'longText', required: true },
      },
    },
  },
  [ContentKind.LEGAL_DOCUMENT]: {
    form: { type: 'enum', values: LEGAL_FORMS, required: true },
    issuer: { type: 'text', required: true },
    number: { type: 'text', required: true, max: 100 },
    issueDate: { type: 'date', required: true },
    effectiveDate: { type: 'date' },
    excerpt: { type: 'longText', required: true },
    field: { type: 'text' },
    /** OWN: issued by this agency; IN_SCOPE: by an agency within its remit (different deadlines). */
    scope: { type: 'enum', values: ['OWN', 'IN_SCOPE'] },
    /**
     * YES: a legal normative document (văn bản quy phạm pháp luật); NO: an administrative or other
     * document. When absent, read from the form (see `isNormative`). Sóc Trăng 517 art. 10.1.c times them apart.
     */
    normative: { type: 'enum', values: ['YES', 'NO'] },
  },
  [ContentKind.DRAFT_DOCUMENT]: {
    commentOpensAt: { type: 'dateTime', required: true },
    commentClosesAt: { type: 'dateTime', required: true },
    issuer: { type: 'text' },
  },
  [ContentKind.GAZETTE_ISSUE]: {
    issueNumber: { type: 'text', required: true },
    issueDate: { type: 'date', required: true },
    documents: {
      type: 'list',
      max: 500,
      of: {
        number: { type: 'text', required: true },
        title: { type: 'text', required: true },
        excerpt: { type: 'longText' },
      },
    },
  },
  [ContentKind.PROJECT]: {
    name: { type: 'text', required: true },
    objective: { type: 'longText', required: true },
    field: { type: 'text', required: true },
    projectType: { type: 'text', required: true },
    periodFrom: { type: 'date' },
    periodTo: { type: 'date' },
    budget: { type: 'number' },
    fundingType: { type: 'text' },
    sponsor: { type: 'text', required: true },
    status: { type: 'enum', values: PROJECT_STATUSES, required: true },
    /** Free words on the status (what the status text said before it became a value). */
    statusNote: { type: 'text' },
    approvalDate: { type: 'date', required: true },
    procurement: { type: 'enum', values: ['YES', 'NO'] },
    /** Where the tender stands (only with `procurement: YES`). */
    tenderStatus: { type: 'enum', values: TENDER_STATUSES },
  },
  [ContentKind.STATISTICS_REPORT]: {
    decisionDate: { type: 'date', required: true },
    period: { type: 'text' },
  },
  [ContentKind.ADMINISTRATIVE_PROCEDURE]: {
    code: { type: 'text' },
    field: { type: 'text', required: true },
    serviceLevel: { type: 'enum', values: ['FULL_ONLINE', 'PARTIAL_ONLINE', 'OFFLINE'], required: true },
    usageCount: { type: 'number' },
  },
  // `changedOn`: when the organisation, leader or contact changed (the anchor of the deadline).
  [ContentKind.ORGANISATION_PAGE]: { changedOn: { type: 'date' } },
  [ContentKind.LEADER_PROFILE]: { position: { type: 'text', required: true }, changedOn: { type: 'date' } },
  // Name (the title), position, unit, phone/fax, official e-mail (641/QĐ-UBND art. 14.1.k).
  [ContentKind.CONTACT_ENTRY]: {
    unit: { type: 'text' },
    position: { type: 'text', required: true },
    phone: { type: 'phone' },
    fax: { type: 'phone' },
    email: { type: 'email' },
    /** Anything else (and what an older entry had that was no number or address). */
    note: { type: 'longText', max: 2000 },
    changedOn: { type: 'date' },
  },
  [ContentKind.QA_ITEM]: { question: { type: 'longText', required: true } },
  [ContentKind.GENERIC_PAGE]: {},
  [ContentKind.LAW_DISSEMINATION]: {
    /** Number, form and title of the text disseminated, e.g. "Luật số 24/2018/QH14 An ninh mạng". */
    textName: { type: 'text', required: true },
    textIssueDate: { type: 'date', required: true },
    eventDate: { type: 'date' },
  },
  [ContentKind.SCIENCE_PROGRAMME]: {
    field: { type: 'text' },
    approvalDate: { type: 'date', required: true },
    /** Set when the item reports the accepted results (nghiệm thu); it then anchors the deadline. */
    acceptanceDate: { type: 'date' },
  },
  [ContentKind.CITIZEN_RECEPTION]: {
    /** When the schedule was announced (the anchor of its deadline, as for an announcement). */
    eventDate: { type: 'date' },
    sessions: {
      type: 'list',
      required: true,
      max: 100,
      of: {
        type: { type: 'enum', values: RECEPTION_TYPES, required: true },
        leader: { type: 'text' },
        place: { type: 'text', required: true },
        /** The day of an ad hoc session. */
        date: { type: 'date' },
        /** The days of a regular or periodic one, e.g. "Thứ Năm tuần thứ hai và thứ tư hằng tháng". */
        recurrence: { type: 'text', max: 200 },
        from: { type: 'time', required: true },
        to: { type: 'time' },
        note: { type: 'longText', max: 2000 },
      },
    },
  },
  // The files themselves are media files of the item (media.service.ts), not fields.
  [ContentKind.VIDEO]: { eventDate: { type: 'date' } },
  [ContentKind.AUDIO]: { eventDate: { type: 'date' } },
  [ContentKind.PHOTO_GALLERY]: { eventDate: { type: 'date' } },
};

/** Forms that are always legal normative documents; the others are read as administrative unless marked. */
const NORMATIVE_FORMS = new Set(['LUAT', 'NGHI_QUYET', 'NGHI_DINH', 'THONG_TU']);

/** Whether a legal document item is a legal normative document (explicit `normative`, else its form). */
export function isNormative(fields: ContentFields): boolean {
  if (fields.normative === 'YES') return true;
  if (fields.normative === 'NO') return false;
  return NORMATIVE_FORMS.has(String(fields.form));
}

export type ContentFields = Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkValue(
  spec: FieldSpec,
  value: unknown,
  path: string,
): { value: unknown } | { error: DomainError } {
  const bad = (vi: string, en: string) => ({
    error: inputError(ContentErrorCode.INVALID_FIELD, path, `${path}: ${vi}`, `${path}: ${en}`),
  });
  switch (spec.type) {
    case 'text':
    case 'longText': {
      if (typeof value !== 'string') return bad('phải là chuỗi ký tự.', 'must be text.');
      const text = plainText(value);
      const max = spec.max ?? (spec.type === 'text' ? 500 : 20_000);
      if (spec.required && !text) return bad('không được để trống.', 'must not be empty.');
      if (text.length > max) return bad(`dài quá ${max} ký tự.`, `is longer than ${max} characters.`);
      return { value: text };
    }
    case 'date':
      if (
        typeof value !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
        Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
        new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
      ) {
        return bad('phải là ngày dạng YYYY-MM-DD.', 'must be a date (YYYY-MM-DD).');
      }
      return { value };
    case 'dateTime':
      if (
        typeof value !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
        Number.isNaN(Date.parse(value))
      ) {
        return bad('phải là thời điểm ISO 8601 có múi giờ.', 'must be an ISO 8601 instant with its offset.');
      }
      return { value: new Date(value).toISOString() };
    case 'phone': {
      const text = typeof value === 'string' ? plainText(value).replace(/\s+/g, ' ').trim() : '';
      if (!isPhoneNumber(text))
        return bad(
          'phải là số điện thoại (chữ số, dấu cách, + . - ( ), từ 3 đến 15 chữ số).',
          'must be a telephone number (digits, spaces, + . - ( ), 3 to 15 digits).',
        );
      return { value: text };
    }
    case 'email': {
      const text = typeof value === 'string' ? plainText(value).trim() : '';
      if (!isEmailAddress(text))
        return bad('phải là một địa chỉ thư điện tử.', 'must be one e-mail address.');
      return { value: text };
    }
    case 'time':
      if (typeof value !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(value))
        return bad('phải là giờ dạng HH:MM.', 'must be a time (HH:MM).');
      return { value };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
        return bad('phải là số không âm.', 'must be a non-negative number.');
      return { value };
    case 'enum':
      if (typeof value !== 'string' || !spec.values!.includes(value))
        return bad(
          `phải là một trong ${spec.values!.join(', ')}.`,
          `must be one of ${spec.values!.join(', ')}.`,
        );
      return { value };
    case 'list': {
      if (!Array.isArray(value)) return bad('phải là danh sách.', 'must be a list.');
      if (spec.required && value.length === 0)
        return bad('cần ít nhất một mục.', 'needs at least one entry.');
      if (spec.max && value.length > spec.max)
        return bad(`có quá ${spec.max} mục.`, `has more than ${spec.max} entries.`);
      const out: Record<string, unknown>[] = [];
      for (const [i, entry] of value.entries()) {
        const checked = checkObject(spec.of!, entry, `${path}.${i}`);
        if ('error' in checked) return checked;
        out.push(checked.value);
      }
      return { value: out };
    }
  }
}

function checkObject(
  specs: Record<string, FieldSpec>,
  input: unknown,
  path: string,
): { value: Record<string, unknown> } | { error: DomainError } {
  if (!isRecord(input))
    return {
      error: inputError(
        ContentErrorCode.INVALID_FIELD,
        path,
        `${path}: phải là đối tượng.`,
        `${path}: must be an object.`,
      ),
    };
  const unknown = Object.keys(input).find((k) => !(k in specs));
  if (unknown)
    return {
      error: inputError(
        ContentErrorCode.UNKNOWN_FIELD,
        `${path}.${unknown}`,
        `Trường “${unknown}” không thuộc loại nội dung này.`,
        `"${unknown}" is not a field of this kind.`,
      ),
    };
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = input[name];
    if (value === undefined || value === null || value === '') {
      if (spec.required)
        return {
          error: inputError(
            ContentErrorCode.REQUIRED,
            `${path}.${name}`,
            `${path}.${name}: bắt buộc.`,
            `${path}.${name}: is required.`,
          ),
        };
      continue;
    }
    const checked = checkValue(spec, value, `${path}.${name}`);
    if ('error' in checked) return checked;
    out[name] = checked.value;
  }
  return { value: out };
}

/** Validates and normalises an item's kind-specific fields; errors name the field (`fields.issueDate`). */
export function validateKindFields(
  kind: ContentKind,
  input: unknown,
): { value: ContentFields } | { error: DomainError } {
  const checked = checkObject(KIND_FIELDS[kind], input ?? {}, 'fields');
  if ('error' in checked) return checked;
  const f = checked.value;
  const structured = checkStructured(kind, f);
  if (structured) return structured;
  if (kind === ContentKind.DRAFT_DOCUMENT && String(f.commentClosesAt) <= String(f.commentOpensAt)) {
    return {
      error: inputError(
        ContentErrorCode.INVALID_PERIOD,
        'fields.commentClosesAt',
        'Thời hạn góp ý phải kết thúc sau khi bắt đầu.',
        'The comment period must close after it opens.',
      ),
    };
  }
  if (
    kind === ContentKind.SCIENCE_PROGRAMME &&
    f.acceptanceDate &&
    String(f.acceptanceDate) < String(f.approvalDate)
  ) {
    return {
      error: inputError(
        ContentErrorCode.INVALID_PERIOD,
        'fields.acceptanceDate',
        'Ngày nghiệm thu phải sau ngày phê duyệt.',
        'The acceptance date must not precede the approval date.',
      ),
    };
  }
  if (
    kind === ContentKind.PROJECT &&
    f.periodFrom &&
    f.periodTo &&
    String(f.periodTo) < String(f.periodFrom)
  ) {
    return {
      error: inputError(
        ContentErrorCode.INVALID_PERIOD,
        'fields.periodTo',
        'Thời gian kết thúc phải sau thời gian bắt đầu.',
        'The period must end after it starts.',
      ),
    };
  }
  if (kind === ContentKind.WORK_SCHEDULE && new Date(`${String(f.weekStart)}T00:00:00Z`).getUTCDay() !== 1) {
    return {
      error: inputError(
        ContentErrorCode.INVALID_FIELD,
        'fields.weekStart',
        'Tuần phải bắt đầu vào thứ Hai.',
        'The week must start on a Monday.',
      ),
    };
  }
  return { value: f };
}

/**
 * Which statutory deadline an item of a kind has, and which of its fields anchors it (docs/domain.md).
 * `informationKinds` lists candidates, most specific first: the first one the portal's policy has a
 * rule for applies (e.g. Sóc Trăng 517 times normative documents apart; 05/2024 only knows "own").
 * Without the anchor field the item's creation is the anchor. Kinds without one return null.
 */
export function deadlineOf(
  kind: ContentKind,
  fields: ContentFields,
): { informationKinds: string[]; anchorField: string | null } | null {
  switch (kind) {
    case ContentKind.NEWS:
    case ContentKind.ANNOUNCEMENT:
    case ContentKind.CITIZEN_RECEPTION: // timed as the announcement it was before it had its own kind
      return { informationKinds: ['NEWS'], anchorField: 'eventDate' };
    case ContentKind.DIRECTIVE:
      return { informationKinds: ['DIRECTIVE'], anchorField: 'eventDate' };
    case ContentKind.WORK_SCHEDULE:
      return { informationKinds: ['WORK_SCHEDULE'], anchorField: 'weekStart' };
    case ContentKind.LEGAL_DOCUMENT: {
      const scope = fields.scope === 'IN_SCOPE' ? 'LEGAL_DOCUMENT_IN_SCOPE' : 'LEGAL_DOCUMENT_OWN';
      const form = isNormative(fields) ? 'LEGAL_DOCUMENT_NORMATIVE' : 'LEGAL_DOCUMENT_ADMINISTRATIVE';
      return { informationKinds: [form, scope], anchorField: 'issueDate' };
    }
    case ContentKind.LAW_DISSEMINATION:
      return { informationKinds: ['POLICY_DISSEMINATION'], anchorField: 'textIssueDate' };
    case ContentKind.PROJECT:
      return {
        informationKinds: [fields.procurement === 'YES' ? 'PROCUREMENT' : 'STRATEGY_PLAN_PROJECT'],
        anchorField: 'approvalDate',
      };
    case ContentKind.SCIENCE_PROGRAMME:
      return {
        informationKinds: ['SCIENCE_PROGRAMME'],
        anchorField: fields.acceptanceDate ? 'acceptanceDate' : 'approvalDate',
      };
    case ContentKind.STATISTICS_REPORT:
      return { informationKinds: ['STATISTICS'], anchorField: 'decisionDate' };
    case ContentKind.ORGANISATION_PAGE:
    case ContentKind.LEADER_PROFILE:
      return { informationKinds: ['INTRODUCTION'], anchorField: 'changedOn' };
    case ContentKind.CONTACT_ENTRY:
      return { informationKinds: ['CONTACTS'], anchorField: 'changedOn' };
    default:
      return null;
  }
}
