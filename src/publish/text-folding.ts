/**
 * Text with accents and case folded away ("Café" reads "cafe"): tags and event titles that differ
 * only in those are one tag, one event.
 */
export function foldAccentsAndCase(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
