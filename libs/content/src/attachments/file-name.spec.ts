import {
  MAX_FILE_NAME_LENGTH,
  cleanFileName,
  contentDisposition,
  truncateKeepingExtension,
} from './file-name';

describe('cleanFileName', () => {
  it('keeps an ordinary Vietnamese name as it is, in NFC', () => {
    const nfd = 'Quyết định số 12-QĐ-UBND.pdf'.normalize('NFD');
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    const cleaned = cleanFileName(nfd);
    expect(cleaned).toBe('Quyết định số 12-QĐ-UBND.pdf'.normalize('NFC'));
    expect(cleaned.normalize('NFC')).toBe(cleaned);
  });

  it('drops folders, whatever the separator', () => {
    expect(cleanFileName('C:\\Users\\lan\\Desktop\\báo cáo.docx')).toBe('báo cáo.docx');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('/var/www/ke-hoach.xlsx')).toBe('ke-hoach.xlsx');
    expect(cleanFileName('a/b\\c.pdf')).toBe('c.pdf');
  });

  it('removes control characters and bidirectional overrides', () => {
    expect(cleanFileName('bao\u0000cao\r\n.pdf')).toBe('baocao.pdf');
    expect(cleanFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(cleanFileName('x\u0085y\u009f.png')).toBe('xy.png');
    expect(cleanFileName('\ufeffname.pdf')).toBe('name.pdf');
  });

  it('collapses and trims white space and leading dots', () => {
    expect(cleanFileName('   kế   hoạch\t2026 .pdf  ')).toBe('kế hoạch 2026 .pdf');
    expect(cleanFileName('.htaccess')).toBe('htaccess');
    expect(cleanFileName('...pdf')).toBe('pdf');
  });

  it('falls back when nothing is left', () => {
    expect(cleanFileName('')).toBe('tep-dinh-kem');
    expect(cleanFileName(null)).toBe('tep-dinh-kem');
    expect(cleanFileName('///')).toBe('tep-dinh-kem');
    expect(cleanFileName('..', 'tep-dinh-kem.pdf')).toBe('tep-dinh-kem.pdf');
    expect(cleanFileName('\u0001\u0002')).toBe('tep-dinh-kem');
  });

  it('cuts long names to 200 characters, keeping the extension', () => {
    const long = `${'Nghị quyết '.repeat(40)}.docx`;
    const cleaned = cleanFileName(long);
    expect([...cleaned].length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    expect(cleaned.endsWith('.docx')).toBe(true);
    const noExtension = 'ả'.repeat(300);
    expect([...cleanFileName(noExtension)].length).toBe(MAX_FILE_NAME_LENGTH);
  });

  it('never cuts a character in half', () => {
    const emoji = `${'📄'.repeat(250)}.pdf`;
    const cleaned = truncateKeepingExtension(emoji, 200);
    expect([...cleaned].length).toBe(200);
    expect(cleaned.endsWith('📄.pdf')).toBe(true);
    expect(cleaned).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(truncateKeepingExtension('short.pdf', 200)).toBe('short.pdf');
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('Quyết định "số 1".pdf')).toBe(
      `attachment; filename="Quyet dinh _so 1_.pdf"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20%22s%E1%BB%91%201%22.pdf`,
    );
    expect(contentDisposition("it's (ok).pdf")).toBe(
      `attachment; filename="it's (ok).pdf"; filename*=UTF-8''it%27s%20%28ok%29.pdf`,
    );
    expect(contentDisposition('Đề án.docx')).toContain('filename="De an.docx"');
  });
});
