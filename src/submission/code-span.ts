/**
 * What a submitter wrote, shown back in a code span: the project posts it (a comment, a pull
 * request), so nothing they wrote may become a mention, a link or markup there.
 */
export function codeSpan(value: string, max = 80): string {
  const text = value.replace(/\s+/g, ' ').trim();
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return `\`${cut.replace(/`/g, "'")}\``;
}
