import { isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One JSON-pointer segment, escaped (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function rangeOf(node: unknown): readonly number[] | undefined {
  return isRecord(node) && Array.isArray(node.range) ? (node.range as number[]) : undefined;
}

/**
 * Offset in a YAML source of the node a JSON pointer names (its key or its value), falling back to
 * the nearest enclosing node: how the YAML files of the platform (tenant trees, policy profiles)
 * report problems with their line and column.
 */
export function yamlOffset(doc: Document, pointer: string, at: 'key' | 'value'): number {
  let value: unknown = doc.contents;
  let key: unknown;
  for (const segment of pointer.split('/').slice(1).map(unescapePointer)) {
    if (isAlias(value)) value = value.resolve(doc);
    if (isMap(value)) {
      const pair = value.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      key = pair.key;
      value = pair.value;
    } else if (isSeq(value) && Number(segment) < value.items.length) {
      key = undefined;
      value = value.items[Number(segment)];
    } else break;
  }
  const keyStart = rangeOf(key)?.[0];
  const valueRange = rangeOf(value);
  // An empty value (`nameVi:` with nothing after it) has a zero-width range: point at its key instead.
  const valueStart = valueRange && valueRange[1] > valueRange[0] ? valueRange[0] : undefined;
  return (at === 'key' ? (keyStart ?? valueStart) : (valueStart ?? keyStart)) ?? valueRange?.[0] ?? 0;
}
