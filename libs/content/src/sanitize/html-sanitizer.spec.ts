import { plainText, sanitizeRichText } from './html-sanitizer';

describe('sanitizeRichText', () => {
  it.each([
    ['<p>Tin <strong>mới</strong></p>', '<p>Tin <strong>mới</strong></p>'],
    ['<p onclick="alert(1)">x</p>', '<p>x</p>'],
    ['<script>alert(1)</script><p>a</p>', '<p>a</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', '<a>x</a>'],
    ['<img src="data:image/svg+xml;base64,PHN2Zz4=" onerror="alert(1)">', '<img />'],
    ['<iframe src="https://evil.example/x"></iframe>', ''],
    [
      '<iframe src="https://www.youtube.com/embed/abc"></iframe>',
      '<iframe src="https://www.youtube.com/embed/abc"></iframe>',
    ],
    ['<svg><script>alert(1)</script></svg>', ''],
    ['<style>body{}</style><p style="x">a</p>', '<p>a</p>'],
    [
      '<a href="https://x.gov.vn" target="_blank">x</a>',
      '<a href="https://x.gov.vn" target="_blank" rel="noopener noreferrer">x</a>',
    ],
  ])('%s → %s', (input, output) => {
    expect(sanitizeRichText(input)).toBe(output);
  });

  it('stores Vietnamese text in NFC', () => {
    const nfd = 'Phường Bến Nghé'.normalize('NFD');
    expect(sanitizeRichText(`<p>${nfd}</p>`)).toBe(`<p>${'Phường Bến Nghé'.normalize('NFC')}</p>`);
  });

  it('plainText drops markup', () => {
    expect(plainText('<b>Nguyễn</b> <img src=x onerror=alert(1)>Văn A')).toBe('Nguyễn Văn A');
  });

  it('plainText keeps characters as text, not as HTML entities', () => {
    expect(plainText('Sở Tài nguyên & Môi trường')).toBe('Sở Tài nguyên & Môi trường');
    expect(plainText('a < b > c "d" &amp; e')).toBe('a < b > c "d" & e');
    expect(plainText('nhiệt độ <5 độ, x<y')).toBe('nhiệt độ <5 độ, x');
  });

  it('plainText removes markup that arrived encoded, double-encoded or mixed, instead of decoding it live', () => {
    const payloads = [
      '<script>alert(1)</script>x &lt;script&gt;alert(1)&lt;/script&gt;',
      'x &lt;img src=x onerror=alert(1)&gt;',
      'x &amp;lt;img src=x onerror=alert(1)&amp;gt;',
      'x &amp;amp;lt;svg onload=alert(1)&amp;amp;gt;',
      'x &#60;img src=x onerror=alert(1)&#62;',
      'x &#x3C;iframe src=javascript:alert(1)&#x3E;&#x3C;/iframe&#x3E;',
      'x <b>&lt;img src=x onerror=alert(1)&gt;</b>',
      'x &lt;<i>img src=x onerror=alert(1)</i>&gt;',
      'x &ltimg src=x onerror=alert(1)&gt',
      'x <<img src=y>img src=x onerror=alert(1)>',
    ];
    for (const payload of payloads) {
      const clean = plainText(payload);
      expect(clean).not.toMatch(/<[a-z!/?]/i);
      expect(clean).not.toMatch(/onerror|onload|javascript:|<script/i);
      expect(clean.startsWith('x')).toBe(true);
      // Cleaning is stable: what is stored cleans to itself.
      expect(plainText(clean)).toBe(clean);
    }
    // Encoded deeper than any editor would: no markup character is left at all.
    const deep = plainText(`x &${'amp;'.repeat(30)}lt;img src=x onerror=alert(1)&gt;`);
    expect(deep).not.toMatch(/[<>&]/);
    expect(plainText('Tầng 5 &lt; 6 ')).toBe('Tầng 5 < 6');
  });
});
