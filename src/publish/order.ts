// Orders that come out the same on every machine: plain code-unit comparison, never
// localeCompare, whose order depends on the machine's locale.

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Soonest start first; events that start together by id, so that the order never varies. */
export function byStartThenId(a: { start: string; id: string }, b: { start: string; id: string }): number {
  return compareText(a.start, b.start) || compareText(a.id, b.id);
}
