import { renderToStaticMarkup } from 'react-dom/server';
import { Highlight } from './highlight';

const html = (text: string, words: string[]) => renderToStaticMarkup(<Highlight text={text} words={words} />);

describe('search highlighting', () => {
  it('marks words whatever their diacritics and case', () => {
    expect(html('Kế hoạch phát triển Phường Bến Nghé', ['ke', 'hoach', 'ben', 'nghe'])).toBe(
      '<mark>Kế</mark> <mark>hoạch</mark> phát triển Phường <mark>Bến</mark> <mark>Nghé</mark>',
    );
    expect(html('Đường Điện Biên Phủ', ['duong'])).toBe('<mark>Đường</mark> Điện Biên Phủ');
    expect(html('UBND quận', ['QUẬN'])).toBe('UBND <mark>quận</mark>');
  });

  it('escapes the text around the marks', () => {
    expect(html('<b>kế hoạch</b>', ['ke'])).toBe('&lt;b&gt;<mark>kế</mark> hoạch&lt;/b&gt;');
    expect(html('a & b', [])).toBe('a &amp; b');
  });
});
