import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Correction } from './corrections-schema.ts';
import { formatProblem, offsetOf } from './positions.ts';

/**
 * "sources.yaml:41:12: warning: …" for each correction that names no event (a stale one): where
 * it is in the file, so a maintainer can remove it or fix its link.
 */
export function staleCorrectionWarnings(configPath: string, stale: Correction[]): string[] {
  if (stale.length === 0) return [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(configPath, 'utf8').replace(/^\uFEFF/, ''), { lineCounter });
  const list = isMap(doc.contents) ? doc.contents.get('corrections', true) : null;
  const refs = isSeq(list) ? list.items.map((item) => (isMap(item) ? String(item.get('event') ?? '') : '')) : [];
  return stale.map((correction) => {
    const index = refs.indexOf(correction.event);
    const { line, col } = lineCounter.linePos(index === -1 ? 0 : offsetOf(doc, ['corrections', index, 'event']));
    const message = `warning: the correction of ${correction.event} names no event (stale): remove it, or give the event's link as its source has it`;
    return formatProblem({ file: configPath, line, column: col, message });
  });
}
