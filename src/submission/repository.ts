import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { CONFIG_FILE } from '../config/load.ts';
import { MANUAL_FILE, manualEventsSchema } from '../config/manual-events.ts';
import { formatProblem } from '../config/positions.ts';
import { configSchema, type Config, type GroupConfig } from '../config/schema.ts';
import { uniqueIds } from '../config/unique-ids.ts';
import { readYamlText } from '../config/yaml-file.ts';
import { writeFileAtomic } from '../fsutil.ts';
import { codeSpan } from './code-span.ts';
import type { SubmittedEvent } from './event.ts';

// An accepted submission written into the repository: the event appended to its group's manual
// events file, and sources.yaml given the group (or the group a manual source) when it has none.
// Both files are edited as YAML documents, so their comments and layout stay as maintainers wrote
// them, and both are checked as `spokane-tech check` would before either is written.

export type Placed =
  | { ok: true; eventId: string; file: string; group: { id: string; name: string; isNew: boolean }; sourcesChanged: boolean }
  | { ok: false; problems: string[] };

/** `tags: [python, data]` stays as it is written, not `[ python, data ]`. */
const AS_MAINTAINERS_WRITE = { flowCollectionPadding: false } as const;
const GROUP_ID = /^[a-z0-9-]+$/;
const MAX_SLUG = 60;

/**
 * Adds `event` to the group the submitter named (or `groupId`, the maintainer's choice): a group
 * of sources.yaml by its id or name, or else a new group.
 */
export function addSubmittedEvent(configPath: string, config: Config, groupName: string, event: SubmittedEvent, groupId?: string): Placed {
  const group = findGroup(config, groupName, groupId);
  const id = group?.id ?? groupId ?? slug(groupName);
  if (!GROUP_ID.test(id)) {
    return { ok: false, problems: [`**Group**: no group is called ${codeSpan(groupName)}, and a new group needs a name with letters or digits in it`] };
  }
  const name = group?.name ?? groupName;
  const manualSource = group?.sources.find((source) => source.type === 'manual');
  const file = manualSource?.path ?? `data/manual/${id}.yaml`;
  const manualPath = join(dirname(configPath), file);

  const events = parseDocument(existsSync(manualPath) ? readFileSync(manualPath, 'utf8') : newEventsFile(name));
  const already = sameEvent(events, event);
  if (already !== undefined) {
    return { ok: false, problems: [`**Title**: this event is in the calendar already (${codeSpan(file)}, id ${codeSpan(already)})`] };
  }
  const eventId = uniqueEventId(events, event);
  appendEvent(events, { id: eventId, ...event });

  const sources = manualSource ? undefined : parseDocument(readFileSync(configPath, 'utf8'));
  if (sources) {
    if (group) addManualSource(sources, config.groups.indexOf(group), file);
    else addGroup(sources, { id, name, sources: [{ type: 'manual', path: file }] });
  }

  const eventsText = events.toString(AS_MAINTAINERS_WRITE);
  const sourcesText = sources?.toString(AS_MAINTAINERS_WRITE);
  assertValid(readYamlText(eventsText, manualPath, manualEventsSchema(config.site.timezone), MANUAL_FILE, uniqueIds('events', 'event')));
  if (sourcesText !== undefined) assertValid(readYamlText(sourcesText, configPath, configSchema, CONFIG_FILE, uniqueIds('groups', 'group')));

  writeFileAtomic(manualPath, eventsText);
  if (sourcesText !== undefined) writeFileAtomic(configPath, sourcesText);
  return { ok: true, eventId, file, group: { id, name, isNew: !group }, sourcesChanged: sourcesText !== undefined };
}

/** The group by the id a maintainer gave, else by the name (or id) the submitter wrote. */
function findGroup(config: Config, groupName: string, groupId: string | undefined): GroupConfig | undefined {
  if (groupId !== undefined) return config.groups.find((group) => group.id === groupId);
  const wanted = comparable(groupName);
  return config.groups.find((group) => comparable(group.name) === wanted || group.id === slug(groupName));
}

function comparable(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** "Tech Jobs Fair: Spring '27" → "tech-jobs-fair-spring-27": what ids and file names are made of. */
export function slug(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (words.length <= MAX_SLUG) return words;
  // Cut between words where there is a word break to cut at.
  const cut = words.slice(0, MAX_SLUG + 1).lastIndexOf('-');
  return words.slice(0, cut > MAX_SLUG / 2 ? cut : MAX_SLUG).replace(/-+$/, '');
}

function newEventsFile(groupName: string): string {
  const who = groupName.replace(/\s+/g, ' ');
  return `# Events of ${who}, kept in this repository (see README, "Add an event without a feed").\n# \`spokane-tech check\` checks this file.\nevents:\n`;
}

/** The events the file holds, as YAML maps. */
function eventMaps(doc: Document): YAMLMap[] {
  const events = doc.get('events');
  return isSeq(events) ? events.items.filter(isMap) : [];
}

/** The id of an event in the file with the same title and start, if there is one. */
function sameEvent(doc: Document, event: SubmittedEvent): string | undefined {
  const match = eventMaps(doc).find(
    (held) => String(held.get('start')) === event.start && comparable(String(held.get('title'))) === comparable(event.title),
  );
  return match === undefined ? undefined : String(match.get('id'));
}

/** `<day>-<title>`, the day first so the file reads in order; `-2`, `-3`… when the file has it. */
function uniqueEventId(doc: Document, event: SubmittedEvent): string {
  const taken = new Set(eventMaps(doc).map((held) => String(held.get('id'))));
  const base = `${event.start.slice(0, 10)}-${slug(event.title) || 'event'}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

function appendEvent(doc: Document, event: SubmittedEvent & { id: string }): void {
  const node = doc.createNode(event);
  const events = doc.get('events');
  if (isSeq(events)) {
    if (events.items.length > 0) node.spaceBefore = true;
    events.items.push(node);
  } else {
    // `events:` with nothing under it yet.
    doc.set('events', doc.createNode([event]));
  }
}

function addGroup(doc: Document, group: { id: string; name: string; sources: { type: string; path: string }[] }): void {
  const node = doc.createNode(group);
  const groups = doc.get('groups');
  if (isSeq(groups)) {
    node.spaceBefore = groups.items.length > 0;
    groups.items.push(node);
  } else {
    doc.set('groups', doc.createNode([group]));
  }
}

function addManualSource(doc: Document, groupIndex: number, path: string): void {
  const source = doc.createNode({ type: 'manual', path });
  const sources = doc.getIn(['groups', groupIndex, 'sources']);
  if (isSeq(sources)) sources.items.push(source);
  else doc.setIn(['groups', groupIndex, 'sources'], doc.createNode([{ type: 'manual', path }]));
}

/** What was about to be written fails the checks `check` runs: a bug here, never the submitter's mistake. */
function assertValid(result: { ok: true } | { ok: false; problems: Parameters<typeof formatProblem>[0][] }): void {
  if (!result.ok) throw new Error(`the edited file would not pass spokane-tech check; nothing was written:\n${result.problems.map(formatProblem).join('\n')}`);
}
