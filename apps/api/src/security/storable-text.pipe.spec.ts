import { StorableTextPipe, storableText } from './storable-text.pipe';

describe('StorableTextPipe', () => {
  const pipe = new StorableTextPipe();
  const args = { type: 3 as never, data: 'input' };

  it('leaves well-formed text alone: Vietnamese, emoji, other control characters', () => {
    for (const text of ['Lũ lụt 🌊', 'x\uD83C\uDF0Ay', 'a\tb\nc', '']) expect(storableText(text)).toBe(text);
    const value = { title: 'Lũ lụt', fields: { list: ['a', { b: 'đ' }] }, n: 1, none: null };
    expect(pipe.transform(value, args)).toEqual({
      title: 'Lũ lụt',
      fields: { list: ['a', { b: 'đ' }] },
      n: 1,
      none: null,
    });
  });

  it('removes NUL and replaces unpaired surrogates, in strings, nested values and keys', () => {
    expect(pipe.transform('lụt\u0000bão', { type: 'param', data: 'slug' })).toBe('lụtbão');
    expect(storableText('l\uD800ụt\uDC00')).toBe('l\uFFFDụt\uFFFD');
    const value = { a: [{ b: 'x\u0000y' }, 'z\uDBFF'], ['k\u0000']: 'v' };
    expect(pipe.transform(value, args)).toEqual({ a: [{ b: 'xy' }, 'z\uFFFD'], k: 'v' });
  });

  it('walks deep values without recursion and leaves what is not an argument (the request context) alone', () => {
    const root: { a?: unknown } = {};
    let node = root;
    for (let i = 0; i < 100_000; i++) {
      const next = {};
      node.a = next;
      node = next as { a?: unknown };
    }
    node.a = 'x\u0000';
    pipe.transform(root, args);
    expect(node.a).toBe('x');
    expect(pipe.transform({ s: '\u0000' }, { type: 'custom', data: undefined })).toEqual({ s: '\u0000' });
  });
});
