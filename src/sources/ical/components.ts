import { plainText } from '../../text/sanitize.ts';
import { parseContentLine, unescapeText, type Property } from './content-lines.ts';

// Content lines to a tree of components (VCALENDAR, VTIMEZONE, VEVENT, …). Feeds come broken: a
// missing END, a BEGIN inside its own kind, stray lines. Each is repaired as a reader would guess,
// with a warning, so that one broken component costs that component at most, never the feed.

export interface Component {
  name: string;
  properties: Property[];
  children: Component[];
}

export function readComponents(lines: string[], warnings: string[]): Component[] {
  const root: Component = { name: '', properties: [], children: [] };
  const open: Component[] = [root];
  const ignored: string[] = [];
  const close = (index: number, endedByOwnEnd: boolean, where: string) => {
    const closing = open.splice(index).reverse(); // innermost first
    for (const component of endedByOwnEnd ? closing.slice(0, -1) : closing) {
      warnings.push(`${label(component)} has no END:${component.name}; read it up to ${where}`);
    }
  };
  // 0 is the root, which no BEGIN/END names.
  const openIndex = (name: string) => open.map((c) => c.name).lastIndexOf(name);

  for (const line of lines) {
    if (line.trim() === '') continue;
    const property = parseContentLine(line);
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
      if (index > 0) close(index, true, `END:${name}`);
      else ignored.push(line);
    } else if (name === '') {
      ignored.push(line);
    } else {
      // A component never nests in one of its own kind: the open one lost its END line.
      if (index > 0) close(index, false, `the next BEGIN:${name}`);
      const component: Component = { name, properties: [], children: [] };
      open.at(-1)!.children.push(component);
      open.push(component);
    }
  }
  if (open.length > 1) close(1, false, 'the end of the feed (is it truncated?)');
  if (ignored.length > 0) {
    warnings.push(`ignored ${ignored.length} unreadable or out-of-place line(s), the first: "${ignored[0]!.slice(0, 60)}"`);
  }
  return root.children;
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
