/** "1 event", "3 events": a number of things, as the templates' `count` filter writes it too. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
