import type { Document } from 'yaml';
import { offsetOf, type ConfigProblem, type ProblemAt } from './positions.ts';

/**
 * A check that no two items of the list under `list` share an `id`: a group's id names its pages,
 * an event's its identity in every calendar, so a second one would take the first one's place.
 */
export function uniqueIds(list: string, noun: string) {
  return (doc: Document, raw: unknown, at: ProblemAt): ConfigProblem[] => {
    const items = (raw as Record<string, unknown> | null)?.[list];
    if (!Array.isArray(items)) return [];
    const firstLine = new Map<string, number>();
    const duplicates: ConfigProblem[] = [];
    items.forEach((item: unknown, index) => {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') return;
      const here = at(offsetOf(doc, [list, index, 'id']), `duplicate ${noun} id "${id}"`);
      const first = firstLine.get(id);
      if (first === undefined) firstLine.set(id, here.line);
      else duplicates.push({ ...here, message: `${here.message} (first defined at line ${first})` });
    });
    return duplicates;
  };
}
