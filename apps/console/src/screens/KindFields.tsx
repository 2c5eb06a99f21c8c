import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  Stack,
  Table,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useI18n } from '../i18n';

export interface FieldSpec {
  name: string;
  type: string;
  required: boolean;
  values?: string[] | null;
  max?: number | null;
  of?: FieldSpec[] | null;
}

const NAMES: Record<string, [string, string]> = {
  eventDate: ['Ngày diễn ra sự kiện', 'Event date'],
  issuer: ['Cơ quan ban hành', 'Issuer'],
  weekStart: ['Tuần bắt đầu từ ngày', 'Week starting'],
  entries: ['Các mục lịch', 'Entries'],
  date: ['Ngày', 'Date'],
  time: ['Giờ', 'Time'],
  place: ['Địa điểm', 'Place'],
  leader: ['Lãnh đạo', 'Leader'],
  content: ['Nội dung', 'Content'],
  form: ['Hình thức văn bản', 'Form'],
  number: ['Số, ký hiệu', 'Number/symbol'],
  issueDate: ['Ngày ban hành', 'Issue date'],
  effectiveDate: ['Ngày hiệu lực', 'Effective date'],
  excerpt: ['Trích yếu', 'Excerpt'],
  field: ['Lĩnh vực', 'Field'],
  scope: ['Phạm vi', 'Scope'],
  commentOpensAt: ['Mở lấy ý kiến lúc', 'Comments open at'],
  commentClosesAt: ['Hết hạn lấy ý kiến lúc', 'Comments close at'],
  issueNumber: ['Số công báo', 'Issue number'],
  documents: ['Văn bản trong số', 'Documents'],
  title: ['Tiêu đề', 'Title'],
  name: ['Tên dự án', 'Name'],
  objective: ['Mục tiêu', 'Objective'],
  projectType: ['Loại dự án', 'Type'],
  periodFrom: ['Thời gian từ', 'Period from'],
  periodTo: ['Thời gian đến', 'Period to'],
  budget: ['Tổng vốn (đồng)', 'Budget (VND)'],
  fundingType: ['Nguồn vốn', 'Funding type'],
  sponsor: ['Chủ đầu tư', 'Sponsor'],
  status: ['Tình trạng', 'Status'],
  approvalDate: ['Ngày phê duyệt', 'Approval date'],
  procurement: ['Có đấu thầu', 'Procurement'],
  decisionDate: ['Ngày quyết định', 'Decision date'],
  period: ['Kỳ báo cáo', 'Period'],
  code: ['Mã thủ tục', 'Code'],
  serviceLevel: ['Mức độ dịch vụ công', 'Service level'],
  usageCount: ['Số lượt sử dụng', 'Usage count'],
  position: ['Chức vụ', 'Position'],
  phone: ['Điện thoại', 'Phone'],
  email: ['Thư điện tử', 'Email'],
  question: ['Câu hỏi', 'Question'],
  statusNote: ['Ghi chú tình trạng', 'Status note'],
  tenderStatus: ['Tình trạng đấu thầu', 'Tender status'],
  unit: ['Đơn vị công tác', 'Unit'],
  fax: ['Fax', 'Fax'],
  note: ['Ghi chú', 'Note'],
  changedOn: ['Ngày thay đổi', 'Changed on'],
  sessions: ['Các buổi tiếp công dân', 'Reception sessions'],
  type: ['Hình thức', 'Kind'],
  recurrence: ['Ngày tiếp (thường xuyên, định kỳ)', 'Days (regular, periodic)'],
  from: ['Từ giờ', 'From'],
  to: ['Đến giờ', 'To'],
};

/** Labels of enum values, by field name (the value itself where none is given). */
const VALUE_NAMES: Record<string, Record<string, [string, string]>> = {
  status: {
    PREPARING: ['Đang chuẩn bị đầu tư', 'Being prepared'],
    IN_PROGRESS: ['Đang triển khai', 'Under way'],
    COMPLETED: ['Đã hoàn thành', 'Completed'],
    SUSPENDED: ['Tạm dừng', 'Suspended'],
  },
  tenderStatus: {
    PLANNED: ['Kế hoạch lựa chọn nhà thầu', 'Procurement planned'],
    INVITING: ['Đang mời thầu', 'Inviting bids'],
    EVALUATING: ['Đang xét thầu', 'Bids under evaluation'],
    AWARDED: ['Đã có kết quả lựa chọn nhà thầu', 'Contract awarded'],
    CANCELLED: ['Hủy thầu', 'Cancelled'],
  },
  type: {
    REGULAR: ['Thường xuyên', 'Regular'],
    PERIODIC: ['Định kỳ', 'Periodic'],
    AD_HOC: ['Đột xuất', 'Ad hoc'],
  },
  procurement: { YES: ['Có', 'Yes'], NO: ['Không', 'No'] },
};

type Values = Record<string, unknown>;

/** A `dateTime` field is edited as Vietnam time and stored as an ISO instant with its offset. */
const toLocal = (iso: unknown) =>
  typeof iso === 'string' && iso ? new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 16) : '';

function One({
  spec,
  value,
  onChange,
  error,
}: {
  spec: FieldSpec;
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const label = NAMES[spec.name] ? t(...NAMES[spec.name]) : spec.name;
  const common = { label, required: spec.required, error, name: spec.name };
  const str = typeof value === 'string' ? value : value == null ? '' : String(value);
  switch (spec.type) {
    case 'longText':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          value={str}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'date':
      return (
        <TextInput {...common} type="date" value={str} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    case 'time':
      return (
        <TextInput {...common} type="time" value={str} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    case 'phone':
      return (
        <TextInput
          {...common}
          type="tel"
          autoComplete="off"
          value={str}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'email':
      return (
        <TextInput
          {...common}
          type="email"
          autoComplete="off"
          value={str}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'dateTime':
      return (
        <TextInput
          {...common}
          type="datetime-local"
          value={toLocal(value)}
          onChange={(e) => onChange(e.currentTarget.value ? `${e.currentTarget.value}:00+07:00` : '')}
        />
      );
    case 'number':
      return (
        <TextInput
          {...common}
          type="number"
          min={0}
          value={str}
          onChange={(e) => onChange(e.currentTarget.value === '' ? '' : Number(e.currentTarget.value))}
        />
      );
    case 'enum':
      return (
        <NativeSelect
          {...common}
          value={str}
          onChange={(e) => onChange(e.currentTarget.value)}
          data={[
            { value: '', label: '—' },
            ...(spec.values ?? []).map((v) => ({
              value: v,
              label: VALUE_NAMES[spec.name]?.[v] ? t(...VALUE_NAMES[spec.name][v]) : v,
            })),
          ]}
        />
      );
    default:
      return <TextInput {...common} value={str} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

/** The kind's own fields, from the server's field specs (the same rules it checks on save). */
export function KindFields({
  specs,
  values,
  onChange,
  errorField,
  errorText,
}: {
  specs: FieldSpec[];
  values: Values;
  onChange: (v: Values) => void;
  errorField?: string | null;
  errorText?: string;
}) {
  const { t } = useI18n();
  if (specs.length === 0) return null;
  const err = (path: string) =>
    errorField && (errorField === path || errorField === `fields.${path}`) ? errorText : undefined;
  return (
    <Fieldset legend={t('Thông tin riêng của loại nội dung', 'Fields of this kind')}>
      <Stack>
        {specs.map((spec) =>
          spec.type === 'list' ? (
            <ListField
              key={spec.name}
              spec={spec}
              error={err}
              rows={(values[spec.name] as Values[]) ?? []}
              onChange={(rows) => onChange({ ...values, [spec.name]: rows })}
            />
          ) : (
            <One
              key={spec.name}
              spec={spec}
              value={values[spec.name]}
              error={err(spec.name)}
              onChange={(v) => onChange({ ...values, [spec.name]: v })}
            />
          ),
        )}
      </Stack>
    </Fieldset>
  );
}

function ListField({
  spec,
  rows,
  onChange,
  error,
}: {
  spec: FieldSpec;
  rows: Values[];
  onChange: (rows: Values[]) => void;
  /** The server's message for a path (`sessions.0.date`), if it named that one. */
  error: (path: string) => string | undefined;
}) {
  const { t } = useI18n();
  const label = NAMES[spec.name] ? t(...NAMES[spec.name]) : spec.name;
  return (
    <div>
      <Table aria-label={label}>
        <caption style={{ textAlign: 'left', fontWeight: 600 }}>{label}</caption>

        <Table.Tbody>
          {rows.map((row, i) => (
            <Table.Tr key={i}>
              {(spec.of ?? []).map((f) => (
                <Table.Td key={f.name}>
                  <One
                    spec={f}
                    value={row[f.name]}
                    error={error(`${spec.name}.${i}.${f.name}`)}
                    onChange={(v) => onChange(rows.map((r, j) => (j === i ? { ...r, [f.name]: v } : r)))}
                  />
                </Table.Td>
              ))}
              <Table.Td>
                <ActionIcon
                  variant="outline"
                  color="red"
                  aria-label={t(`Xóa dòng ${i + 1}`, `Remove row ${i + 1}`)}
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                >
                  ×
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {error(spec.name) ? (
        <p role="alert" style={{ color: 'var(--mantine-color-red-8)', margin: 0 }}>
          {error(spec.name)}
        </p>
      ) : null}
      <Group mt="xs">
        <Button size="xs" variant="outline" onClick={() => onChange([...rows, {}])}>
          {t('Thêm dòng', 'Add a row')}
        </Button>
      </Group>
    </div>
  );
}

/** Drops empty optional values (the server refuses an empty date, and an absent one is fine). */
export function cleanFields(specs: FieldSpec[], values: Values): Values {
  const out: Values = {};
  for (const spec of specs) {
    const v = values[spec.name];
    if (v === '' || v == null) continue;
    out[spec.name] =
      spec.type === 'list' && Array.isArray(v)
        ? v.map((row) => cleanFields(spec.of ?? [], row as Values))
        : v;
  }
  return out;
}
