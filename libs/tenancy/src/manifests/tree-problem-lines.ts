import { LineCounter, parseDocument } from 'yaml';
import { yamlOffset } from '@portal/platform';
import type { ApplyProblem } from './manifest-apply.service';

/** Gives each problem found while planning a tree the line and column of the node it is about. */
export function locateTreeProblems(
  yaml: string,
  problems: ApplyProblem[],
): Array<{ line: number; column: number; path: string; code: string; message: string }> {
  if (problems.length === 0) return [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter, prettyErrors: false });
  return problems
    .map((p) => {
      const { line, col } = lineCounter.linePos(yamlOffset(doc, p.path, 'value'));
      return { line, column: col, path: p.path, code: p.code, message: `${p.path}: ${p.message}` };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
