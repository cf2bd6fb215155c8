import { plainText } from '../../text/sanitize.ts';
import { parseContentLine, unescapeText, type ContentLine, type Property } from './content-lines.ts';

// Content lines to a tree of components (VCALENDAR, VTIMEZONE, VEVENT, …). Feeds come broken: a
// missing END, a misspelled one (END:VTOOD), a BEGIN inside its own kind, stray lines. Each is
// repaired as a reader would guess, with a warning that names the line, so that one broken
// component costs that component at most, never the events after it.

export interface Component {
  name: string;
  /** The line of the file its BEGIN is on. */
  line: number;
  properties: Property[];
  children: Component[];
}

/** Components that only a calendar holds: one of them begun inside anything else means what was open lost its END. */
const CALENDAR_LEVEL = new Set(['VEVENT', 'VTODO', 'VJOURNAL', 'VFREEBUSY', 'VTIMEZONE']);

export function readComponents(lines: ContentLine[], warnings: string[]): Component[] {
  const root: Component = { name: '', line: 0, properties: [], children: [] };
  const open: Component[] = [root];
  const ignored: ContentLine[] = [];
  /** Closes open[index] and everything inside it; those that ended without their END are warned about. */
  const close = (index: number, endedByOwnEnd: boolean, where: string) => {
    const closing = open.splice(index).reverse(); // innermost first
    for (const component of endedByOwnEnd ? closing.slice(0, -1) : closing) {
      warnings.push(`${label(component)}, begun on line ${component.line}, has no END:${component.name}; read it up to ${where}`);
    }
  };
  // 0 is the root, which no BEGIN/END names.
  const openIndex = (name: string) => open.map((c) => c.name).lastIndexOf(name);

  for (const line of lines) {
    if (line.text.trim() === '') continue;
    const property = parseContentLine(line.text);
    if (property === null) {
      ignored.push(line);
      continue;
    }
    if (property.name !== 'BEGIN' && property.name !== 'END') {
      open.at(-1)!.properties.push(property);
      continue;
    }
    const name = property.value.trim().toUpperCase();
    const index = openIndex(name);
    if (property.name === 'END') {
      if (index > 0) close(index, true, `END:${name} on line ${line.line}`);
      else ignored.push(line);
    } else if (name === '') {
      ignored.push(line);
    } else {
      const where = `the BEGIN:${name} on line ${line.line}`;
      // A component never nests in one of its own kind, and an event only in a calendar: what is
      // open lost its END line (or has it misspelled).
      if (index > 0) close(index, false, where);
      else if (CALENDAR_LEVEL.has(name)) closeToCalendar(open, close, where);
      const component: Component = { name, line: line.line, properties: [], children: [] };
      open.at(-1)!.children.push(component);
      open.push(component);
    }
  }
  if (open.length > 1) close(1, false, 'the end of the feed (is it truncated?)');
  if (ignored.length > 0) {
    const first = ignored[0]!;
    warnings.push(`ignored ${ignored.length} unreadable or out-of-place line(s), the first on line ${first.line}: "${first.text.slice(0, 60)}"`);
  }
  return root.children;
}

/** Closes what is open inside the innermost VCALENDAR (or, in a feed without one, everything). */
function closeToCalendar(open: Component[], close: (index: number, endedByOwnEnd: boolean, where: string) => void, where: string): void {
  const calendar = open.map((c) => c.name).lastIndexOf('VCALENDAR');
  const inside = calendar > 0 ? calendar + 1 : 1;
  if (open.length > inside) close(inside, false, where);
}

export function values(component: Component, name: string): Property[] {
  return component.properties.filter((p) => p.name === name);
}

export function value(component: Component | undefined, name: string): string | undefined {
  return component?.properties.find((p) => p.name === name)?.value;
}

/** How a warning names the component: its title and UID for an event. */
export function label(component: Component): string {
  if (component.name !== 'VEVENT') return component.name;
  const title = plainText(unescapeText(value(component, 'SUMMARY') ?? '')).slice(0, 60);
  const uid = value(component, 'UID')?.trim();
  return `VEVENT "${title}"${uid ? ` (UID ${uid})` : ''}`;
}
