import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

/**
 * A whole HTML document from a page element. `renderToStaticMarkup` escapes every string it is
 * given (text and attribute values), so a title with `<script>` shows as text. Not the streaming
 * renderer: a cached page is rendered once, whole, and streaming costs several times more CPU.
 */
export function renderDocument(page: ReactElement): string {
  return `<!doctype html>${renderToStaticMarkup(page)}`;
}
