import type { ReactNode } from 'react';

/** A character without its diacritics, lower-cased (đ → d): how search compares words. */
function fold(c: string): string {
  return c.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
}

/**
 * The text with every occurrence of the search words marked (`<mark>`), ignoring diacritics and
 * case as the search does: "ke hoach" marks "Kế hoạch". Only React text nodes: nothing is parsed.
 */
export function Highlight(props: { text: string; words: string[] }): ReactNode {
  const { text } = props;
  const words = props.words.map((w) => [...w].map(fold).join('')).filter((w) => w.length > 0);
  if (!words.length || !text) return text;
  // Folded text and, for each folded character, the index of the original character it came from.
  const chars = [...text];
  let folded = '';
  const origin: number[] = [];
  chars.forEach((c, i) => {
    for (const f of fold(c)) {
      folded += f;
      origin.push(i);
    }
  });
  const marked = new Array<boolean>(chars.length).fill(false);
  for (const w of words) {
    for (let at = folded.indexOf(w); at !== -1; at = folded.indexOf(w, at + w.length)) {
      for (let k = at; k < at + w.length; k++) marked[origin[k]] = true;
    }
  }
  const parts: ReactNode[] = [];
  let run = '';
  let inMark = false;
  const flush = () => {
    if (run) parts.push(inMark ? <mark key={parts.length}>{run}</mark> : run);
    run = '';
  };
  chars.forEach((c, i) => {
    if (marked[i] !== inMark) {
      flush();
      inMark = marked[i];
    }
    run += c;
  });
  flush();
  return <>{parts}</>;
}
