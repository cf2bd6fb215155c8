// Bytes to content lines (RFC 5545 §3.1), and the values they carry (§3.3.11). Unfolding happens
// here, on bytes, before UTF-8 decoding: a fold may fall inside a multi-byte character.

export interface Property {
  /** Upper case: names are case-insensitive, node-ical only knows upper case. */
  name: string;
  /** Raw `KEY=value` parameters, quotes kept. */
  params: string[];
  value: string;
}

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

/** The feed's lines, unfolded and decoded; not yet parsed. */
export function contentLines(bytes: Uint8Array): string[] {
  return new TextDecoder('utf-8').decode(unfold(bytes)).split(/\r?\n/);
}

/** RFC 5545 §3.1 unfolding, on bytes: a fold may fall inside a multi-byte UTF-8 character. */
function unfold(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lineBreak = bytes[i] === CR && bytes[i + 1] === LF ? 2 : bytes[i] === LF ? 1 : 0;
    const next = bytes[i + lineBreak];
    if (lineBreak > 0 && (next === SPACE || next === TAB)) {
      i += lineBreak; // the loop's i++ then skips the one white-space character of the fold
      continue;
    }
    out[length++] = bytes[i]!;
  }
  return out.subarray(0, length);
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
