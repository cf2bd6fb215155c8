// Bytes to content lines (RFC 5545 §3.1), and the values they carry (§3.3.11). Unfolding happens
// here, on bytes, before UTF-8 decoding: a fold may fall inside a multi-byte character.

export interface Property {
  /** Upper case: names are case-insensitive. */
  name: string;
  /** Raw `KEY=value` parameters, quotes kept. */
  params: string[];
  value: string;
}

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

/** One line of the feed after unfolding, and the line of the file it begins on (for warnings). */
export interface ContentLine {
  text: string;
  line: number;
}

/** The feed's lines, unfolded and decoded; not yet parsed. */
export function contentLines(bytes: Uint8Array): ContentLine[] {
  const { unfolded, starts } = unfold(bytes);
  return new TextDecoder('utf-8')
    .decode(unfolded)
    .split(/\r?\n/)
    .map((text, index) => ({ text, line: starts[index]! }));
}

/**
 * RFC 5545 §3.1 unfolding, on bytes: a fold may fall inside a multi-byte UTF-8 character. Also
 * says on which line of the file each unfolded line begins.
 */
function unfold(bytes: Uint8Array): { unfolded: Uint8Array; starts: number[] } {
  const out = new Uint8Array(bytes.length);
  const starts = [1];
  let physical = 1;
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lineBreak = bytes[i] === CR && bytes[i + 1] === LF ? 2 : bytes[i] === LF ? 1 : 0;
    if (lineBreak > 0) {
      physical += 1;
      const next = bytes[i + lineBreak];
      if (next === SPACE || next === TAB) {
        i += lineBreak; // the loop's i++ then skips the one white-space character of the fold
        continue;
      }
      starts.push(physical);
      for (let k = 0; k < lineBreak; k++) out[length++] = bytes[i + k]!;
      i += lineBreak - 1;
      continue;
    }
    out[length++] = bytes[i]!;
  }
  return { unfolded: out.subarray(0, length), starts };
}

const PARAMETER = /^;([A-Za-z0-9-]+=(?:"[^"]*"|[^";:])*)/;

/** `NAME;KEY=value;KEY="a:b":value`, or null for a line that is not a content line. */
export function parseContentLine(line: string): Property | null {
  const name = /^[A-Za-z0-9-]+/.exec(line)?.[0];
  if (name === undefined) return null;
  let rest = line.slice(name.length);
  const params: string[] = [];
  for (let match = PARAMETER.exec(rest); match; match = PARAMETER.exec(rest)) {
    params.push(match[1]!);
    rest = rest.slice(match[0].length);
  }
  if (!rest.startsWith(':')) return null;
  return { name: name.toUpperCase(), params, value: rest.slice(1) };
}

export function formatContentLine(property: Property): string {
  return `${[property.name, ...property.params].join(';')}:${property.value}`;
}

export function param(property: Property, key: string): string | undefined {
  const prefix = `${key.toUpperCase()}=`;
  return property.params.find((p) => p.toUpperCase().startsWith(prefix))?.slice(prefix.length);
}

// ---- Text values (RFC 5545 §3.3.11) ----

export function unescapeText(text: string): string {
  return text.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** A comma-separated TEXT list (CATEGORIES); `\,` is a comma inside an item. */
export function splitTextList(text: string): string[] {
  return (text.match(/(?:\\.|[^\\,])+/g) ?? []).map(unescapeText);
}
