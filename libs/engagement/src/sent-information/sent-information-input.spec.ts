import { randomTrackingCode } from '../questions/question-input';
import { cleanSentInformation, normalizeSentCode, paragraphs } from './sent-information-input';

const base = {
  name: 'Trần Văn Bình',
  email: 'binh.tv@example.vn',
  title: 'Tin hoạt động của trường',
  body: 'Nhà trường tổ chức lớp kỹ năng số cho phụ huynh.',
};

describe('information sent to the board: input', () => {
  it('cleans what is sent and keeps the optional parts empty as null', () => {
    const out = cleanSentInformation({
      ...base,
      name: '  Trần <b>Văn</b> Bình ',
      phone: '0912 345 678',
      organisation: '',
    });
    expect(out).toEqual({
      value: {
        name: 'Trần Văn Bình',
        organisation: null,
        position: null,
        email: 'binh.tv@example.vn',
        phone: '0912345678',
        address: null,
        title: base.title,
        body: base.body,
      },
    });
  });

  it('names the field of the first problem', () => {
    const code = (extra: Record<string, unknown>) => {
      const out = cleanSentInformation({ ...base, ...extra } as never);
      return 'error' in out ? [out.error.code, out.error.field] : null;
    };
    expect(code({ name: '' })).toEqual(['NAME_REQUIRED', 'name']);
    expect(code({ body: 'ngắn' })).toEqual(['TOO_SHORT', 'body']);
    expect(code({ email: '', phone: '' })).toEqual(['CONTACT_REQUIRED', 'email']);
    expect(code({ phone: '+1 555 0100' })).toEqual(['INVALID_PHONE', 'phone']);
    expect(code({ position: 'x'.repeat(101) })).toEqual(['TOO_LONG', 'position']);
  });

  it('reads a code as a person types it, and only codes of sent information', () => {
    const code = randomTrackingCode('TT');
    expect(normalizeSentCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normalizeSentCode(code.replace(/^TT/, 'HD'))).toBeNull();
    expect(normalizeSentCode('TT-1234')).toBeNull();
  });

  it('turns the text into escaped paragraphs', () => {
    expect(paragraphs('Dòng một\ndòng hai\n\n<script>x</script> & "b"')).toBe(
      '<p>Dòng một<br>dòng hai</p><p>&lt;script&gt;x&lt;/script&gt; &amp; &quot;b&quot;</p>',
    );
  });
});
