import { isMap, isNode, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

// Every problem with a file the maintainer wrote points at a line and column of it: where the
// wrong value is, or, for a missing key, the mapping that lacks it.

/** One thing wrong with a file, at a place the maintainer can jump to (1-based). */
export type ConfigProblem = { file: string; line: number; column: number; message: string };

/** Makes a problem at a character offset of the file. */
export type ProblemAt = (offset: number, message: string) => ConfigProblem;

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/**
 * Where the node at `path` starts. A missing key points at the mapping that lacks it, and an
 * empty `key:` at its key, since an empty value has no text of its own to point at.
 */
export function offsetOf(doc: Document, path: readonly PropertyKey[]): number {
  let node: Node | null = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of path) {
    const child = childAt(node, segment);
    if (!child) break;
    node = child.value;
    offset = child.offset;
  }
  return offset;
}

function childAt(node: Node | null, segment: PropertyKey): { value: Node; offset: number } | undefined {
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return isNode(item) && item.range ? { value: item, offset: item.range[0] } : undefined;
  }
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === segment);
  if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
  const value = pair.value;
  if (isNode(value) && value.range && !(isScalar(value) && value.source === '')) {
    return { value, offset: value.range[0] };
  }
  return { value: pair.key, offset: pair.key.range[0] };
}
