import { createHash } from 'node:crypto';
import ical, { type DateWithTimeZone, type VEvent } from 'node-ical';
import { Temporal } from 'temporal-polyfill';
import { SourceFailure } from '../../errors.ts';
import type { HttpResponse } from '../../http/client.ts';
import { plainText, plainTextToHtml, safeHttpUrl } from '../../text/sanitize.ts';
import { DEFAULT_DURATION_MINUTES, addDays, addMinutes, isValidTimeZone, utcInstant } from '../../time.ts';
import type { SourceEvent, Venue } from '../../types.ts';
import type { Adapter } from '../adapter.ts';
import { capWarnings, MAX_EVENTS_PER_SOURCE, MAX_INSTANCES_PER_SERIES } from '../limits.ts';

// node-ical does the date, time-zone and RRULE work. What it does not do, and this module adds:
// surviving one broken component (node-ical throws for the whole feed, or silently misfiles every
// later event when an END:VEVENT is missing), unfolding before UTF-8 decoding, RFC 5545 text
// unescaping (node-ical turns `\\n` into a newline and strips quotes around values), and reading
// floating times in the calendar's zone rather than the machine's.

export interface ParseOptions {
  now: Date;
  /** Zone for floating times when the calendar declares no X-WR-TIMEZONE. */
  defaultTimezone: string;
  /**
   * Turns a DESCRIPTION (unescaped text) into sanitized HTML. Plain text by default; a platform
   * whose descriptions are Markdown (Meetup) passes its own.
   */
  describe?: (text: string, calendarName: string | null) => string;
}

export interface ParsedCalendar {
  events: SourceEvent[];
  calendarName: string | null;
  /** The calendar's X-WR-TIMEZONE, when it is a valid IANA zone. */
  timezone: string | null;
  warnings: string[];
}

const ICAL_ACCEPT = 'text/calendar, */*;q=0.5';
const PAST_DAYS = 90;
const FUTURE_DAYS = 200;
const DAY_MS = 86_400_000;
const UNTITLED = 'Untitled event';

/** Source type `ical`: any iCalendar feed (Google Calendar, Meetup's and Luma's .ics, …). */
export const icalAdapter: Adapter = async (source, context) => {
  const response = await context.http.get(source.url, { accept: ICAL_ACCEPT, conditional: true });
  if (!/^BEGIN:VCALENDAR[ \t]*\r?$/im.test(response.text())) {
    throw new SourceFailure('unexpected_content', notACalendar(response));
  }
  const { events, calendarName, warnings } = parseICalendar(response.body, {
    now: context.now,
    defaultTimezone: context.site.timezone,
  });
  return { events, group: calendarName ? { name: calendarName } : undefined, warnings };
};

function notACalendar(response: HttpResponse): string {
  const contentType = response.headers.get('content-type') ?? 'no content type';
  const body = response.text().trimStart();
  const what =
    body === '' ? 'an empty body'
    : /^(<!doctype html|<html)/i.test(body) ? 'an HTML page (a login or bot-check page?)'
    : `a body starting "${body.slice(0, 40)}"`;
  return `${response.url} is not an iCalendar feed (no BEGIN:VCALENDAR): got ${what} (${contentType})`;
}

/**
 * The events of an iCalendar feed: one-off events all, recurring ones from 90 days before `now`
 * to 200 days after. Never throws for a broken feed; what could not be read becomes a warning.
 */
export function parseICalendar(bytes: Uint8Array, options: ParseOptions): ParsedCalendar {
  const warnings: string[] = [];
  const lines = new TextDecoder('utf-8').decode(unfold(bytes)).split(/\r?\n/);
  const top = readComponents(lines, warnings);
  const calendars = top.filter((c) => c.name === 'VCALENDAR');
  const calendarProperties = calendars.flatMap((c) => c.properties);
  // Components outside any VCALENDAR are read too: a missing BEGIN:VCALENDAR should not cost events.
  const components = [...top, ...calendars.flatMap((c) => c.children)];

  const timezone = declaredTimezone(calendarProperties, warnings);
  const name = calendarName(calendarProperties);
  const describe = options.describe ?? plainTextToHtml;
  const context: ReadContext = {
    describe: (text) => describe(text, name),
    window: {
      from: new Date(options.now.getTime() - PAST_DAYS * DAY_MS),
      to: new Date(options.now.getTime() + FUTURE_DAYS * DAY_MS),
    },
    floatingZone: timezone ?? options.defaultTimezone,
    calendarZone: timezone,
    timezones: components.filter((c) => c.name === 'VTIMEZONE'),
    warnings,
    recurrence: { spentMs: 0, exhausted: false },
  };
  const series = groupIntoSeries(components.filter((c) => c.name === 'VEVENT'), context);
  return {
    events: readWithinLimit(series, options.now, context),
    calendarName: name,
    timezone,
    warnings: capWarnings(warnings),
  };
}

// ---- Bytes to content lines ----

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

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

interface Property {
  /** Upper case: names are case-insensitive, node-ical only knows upper case. */
  name: string;
  /** Raw `KEY=value` parameters, quotes kept. */
  params: string[];
  value: string;
}

const PARAMETER = /^;([A-Za-z0-9-]+=(?:"[^"]*"|[^";:])*)/;

/** `NAME;KEY=value;KEY="a:b":value`, or null for a line that is not a content line. */
function parseContentLine(line: string): Property | null {
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

function formatContentLine(property: Property): string {
  return `${[property.name, ...property.params].join(';')}:${property.value}`;
}

function param(property: Property, key: string): string | undefined {
  const prefix = `${key.toUpperCase()}=`;
  return property.params.find((p) => p.toUpperCase().startsWith(prefix))?.slice(prefix.length);
}

// ---- Content lines to components, recovering from broken structure ----

interface Component {
  name: string;
  properties: Property[];
  children: Component[];
}

function readComponents(lines: string[], warnings: string[]): Component[] {
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

function values(component: Component, name: string): Property[] {
  return component.properties.filter((p) => p.name === name);
}

function value(component: Component | undefined, name: string): string | undefined {
  return component?.properties.find((p) => p.name === name)?.value;
}

function label(component: Component): string {
  if (component.name !== 'VEVENT') return component.name;
  const title = plainText(unescapeText(value(component, 'SUMMARY') ?? '')).slice(0, 60);
  const uid = value(component, 'UID')?.trim();
  return `VEVENT "${title}"${uid ? ` (UID ${uid})` : ''}`;
}

// ---- Calendar properties ----

function calendarName(properties: Property[]): string | null {
  const name = properties.find((p) => p.name === 'X-WR-CALNAME') ?? properties.find((p) => p.name === 'NAME');
  return name ? plainText(unescapeText(name.value)) || null : null;
}

function declaredTimezone(properties: Property[], warnings: string[]): string | null {
  const declared = properties.find((p) => p.name === 'X-WR-TIMEZONE')?.value.trim();
  if (!declared) return null;
  if (isIanaZone(declared)) return declared;
  warnings.push(`X-WR-TIMEZONE "${declared}" is not an IANA time zone; ignored it`);
  return null;
}

function isIanaZone(zone: string): boolean {
  // Temporal also accepts offsets such as "+01:00", which are no IANA names.
  return /^[A-Za-z]/.test(zone) && isValidTimeZone(zone);
}

function isUtcZone(zone: string): boolean {
  return /^(Etc\/)?(UTC|GMT|UCT|Zulu|Universal)$/i.test(zone);
}

// ---- Text values (RFC 5545 §3.3.11) ----

function unescapeText(text: string): string {
  return text.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** A comma-separated TEXT list (CATEGORIES); `\,` is a comma inside an item. */
function splitTextList(text: string): string[] {
  return (text.match(/(?:\\.|[^\\,])+/g) ?? []).map(unescapeText);
}

// ---- Components to series (one UID: a master and its RECURRENCE-ID overrides) ----

interface ReadContext {
  describe: (text: string) => string;
  window: { from: Date; to: Date };
  /** Where floating times (no Z, no TZID) are read. */
  floatingZone: string;
  calendarZone: string | null;
  timezones: Component[];
  warnings: string[];
  /** Time spent expanding recurrence rules so far, against RECURRENCE_BUDGET_MS. */
  recurrence: { spentMs: number; exhausted: boolean };
}

interface Series {
  uid: string;
  /** As in the feed; node-ical objects point back here through TAG. */
  components: Component[];
}

// node-ical keeps X- properties (without "X-"), so each parsed object can name its source component.
const TAG = 'X-SPOKANE-TECH-COMPONENT';
const TAG_KEY = TAG.slice(2);

function groupIntoSeries(events: Component[], context: ReadContext): Series[] {
  const byUid = new Map<string, Component[]>();
  for (const event of events) {
    if (!hasReadableStart(event, context.warnings)) continue;
    const uid = value(event, 'UID')?.trim() || generatedUid(event, context.warnings);
    const components = byUid.get(uid);
    if (components === undefined) byUid.set(uid, [event]);
    else if (components.length <= MAX_INSTANCES_PER_SERIES) components.push(event);
    else if (components.length === MAX_INSTANCES_PER_SERIES + 1) {
      context.warnings.push(`${label(event)} and more share one UID with over ${MAX_INSTANCES_PER_SERIES} others; read the first ones only`);
      components.push(event);
    }
  }
  // The one component past the limit only marked that the warning was given.
  return [...byUid].map(([uid, components]) => ({ uid, components: components.slice(0, MAX_INSTANCES_PER_SERIES + 1) }));
}

/**
 * The events of the series, at most MAX_EVENTS_PER_SOURCE. A feed with more (a generator run
 * amok, a calendar of every event since 2005) is read nearest-to-today first, recurring series
 * before one-off events, and what is left out is said in a warning. Below the limit nothing is
 * reordered.
 */
function readWithinLimit(series: Series[], now: Date, context: ReadContext): SourceEvent[] {
  const order = series.length > MAX_EVENTS_PER_SOURCE ? nearestFirst(series, now) : series;
  const events: SourceEvent[] = [];
  let read = 0;
  let components = 0;
  for (const one of order) {
    // Components are what costs parsing time, whether or not they turn into events.
    components += one.components.length;
    if (events.length >= MAX_EVENTS_PER_SOURCE || (read > 0 && components > 2 * MAX_EVENTS_PER_SOURCE)) break;
    events.push(...readSeriesSafely(one, context));
    read += 1;
  }
  if (read === series.length && events.length <= MAX_EVENTS_PER_SOURCE) return events;
  context.warnings.push(
    `the feed lists more events than the ${MAX_EVENTS_PER_SOURCE} a source may hold (${series.length} events and series); ` +
      `kept the ${Math.min(events.length, MAX_EVENTS_PER_SOURCE)} nearest to today and left out the rest`,
  );
  return events.slice(0, MAX_EVENTS_PER_SOURCE);
}

/** One series that breaks the reader in a way nobody foresaw costs that series, not the feed. */
function readSeriesSafely(series: Series, context: ReadContext): SourceEvent[] {
  try {
    return readSeries(series, context);
  } catch (error) {
    context.warnings.push(`${label(series.components[0]!)} could not be read (${(error as Error).message}); skipped it`);
    return [];
  }
}

/** Recurring series first (they are only read within the window), then one-off events by distance from now. */
function nearestFirst(series: Series[], now: Date): Series[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const distance = (one: Series): number => {
    if (one.components.some((c) => value(c, 'RRULE') !== undefined)) return -1;
    const day = /^(\d{4})(\d{2})(\d{2})/.exec(value(one.components[0]!, 'DTSTART')!.trim())!;
    return Math.abs(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) - today);
  };
  const keyed = series.map((one) => ({ one, key: distance(one) }));
  return keyed.sort((a, b) => a.key - b.key).map(({ one }) => one);
}

function hasReadableStart(event: Component, warnings: string[]): boolean {
  const start = value(event, 'DTSTART');
  if (start === undefined) {
    warnings.push(`${label(event)} has no DTSTART; skipped it`);
    return false;
  }
  if (!isDateOrDateTime(start.trim())) {
    warnings.push(`${label(event)} has a DTSTART that is not a date ("${start.slice(0, 40)}"); skipped it`);
    return false;
  }
  return true;
}

/** `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]` naming a real day and time (node-ical rolls 20261345 over). */
function isDateOrDateTime(text: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map((n) => Number(n ?? 0)) as [number, number, number, number, number, number];
  // Plain arithmetic rather than Temporal: a feed may hold many thousands of these.
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59;
}

function generatedUid(event: Component, warnings: string[]): string {
  const hash = createHash('sha256')
    .update(`${value(event, 'SUMMARY') ?? ''}\n${value(event, 'DTSTART') ?? ''}`)
    .digest('hex');
  warnings.push(`${label(event)} has no UID; gave it one made from its title and start`);
  return `generated-${hash.slice(0, 20)}`;
}

/** The series as node-ical sees it, or null (with a warning) when node-ical cannot read it. */
function parseSeries(series: Series, context: ReadContext): VEvent | null {
  const text = [
    'BEGIN:VCALENDAR',
    ...context.timezones.flatMap(serialize),
    ...series.components.flatMap((c, index) => serialize(forParser(c, index, series.uid, context))),
    'END:VCALENDAR',
  ].join('\r\n');
  try {
    const parsed = Object.values(ical.sync.parseICS(text));
    return parsed.find((c): c is VEvent => c?.type === 'VEVENT') ?? null;
  } catch (error) {
    context.warnings.push(`${label(series.components[0]!)} could not be read (${(error as Error).message}); skipped it`);
    return null;
  }
}

function serialize(component: Component): string[] {
  return [
    `BEGIN:${component.name}`,
    ...component.properties.map(formatContentLine),
    ...component.children.flatMap(serialize),
    `END:${component.name}`,
  ];
}

const DATE_TIME_PROPERTIES = new Set(['DTSTART', 'DTEND', 'RECURRENCE-ID', 'EXDATE']);

/** The component with its UID set, its floating times given the calendar's zone, and tagged. */
function forParser(event: Component, index: number, uid: string, context: ReadContext): Component {
  const properties = event.properties
    .filter((p) => p.name !== 'UID')
    .map((p) => (isFloating(p) ? { ...p, params: [...p.params, `TZID=${context.floatingZone}`] } : p));
  return {
    ...event,
    properties: [
      { name: 'UID', params: [], value: uid },
      ...properties,
      { name: TAG, params: [], value: String(index) },
    ],
  };
}

function isFloating(property: Property): boolean {
  return (
    DATE_TIME_PROPERTIES.has(property.name) &&
    param(property, 'TZID') === undefined &&
    /^\d{8}T\d{6}(,\d{8}T\d{6})*$/.test(property.value.trim())
  );
}

// ---- Series to events ----

/** A master or override object from node-ical (which types overrides as a bare record). */
type ParsedEvent = Pick<VEvent, 'start' | 'end' | 'recurrenceid'> & Record<string, unknown>;

/** One dated listing: a one-off event, or one instance of a recurring one. */
interface Occurrence {
  event: ParsedEvent;
  start: DateWithTimeZone;
  end: DateWithTimeZone | undefined;
  /** The instance's original start in its series (its RECURRENCE-ID); null for a one-off. */
  instanceOf: DateWithTimeZone | null;
}

function readSeries(series: Series, context: ReadContext): SourceEvent[] {
  const master = parseSeries(series, context);
  if (master === null) return [];
  // A series with no master lists its first override twice: as node-ical's main object and
  // among that object's recurrences.
  const byId = new Map<string, SourceEvent>();
  for (const found of occurrences(master, series, context)) {
    const occurrence = withReadableDates(found);
    if (occurrence === null) {
      context.warnings.push(`${label(series.components[0]!)} has a start node-ical could not read; skipped it`);
      continue;
    }
    const event = toSourceEvent(occurrence, master, series, context);
    if (!byId.has(event.sourceEventId)) byId.set(event.sourceEventId, event);
  }
  return [...byId.values()];
}

/**
 * node-ical leaves a value it cannot read as the raw string (a TZID="a:b" parameter, a
 * RECURRENCE-ID of garbage). A start must be a date; an unreadable end or instance id is as good
 * as none.
 */
function withReadableDates(occurrence: Occurrence): Occurrence | null {
  const isDate = (value: unknown): value is DateWithTimeZone => value instanceof Date && !Number.isNaN(value.getTime());
  if (!isDate(occurrence.start)) return null;
  return {
    ...occurrence,
    end: isDate(occurrence.end) ? occurrence.end : undefined,
    instanceOf: occurrence.instanceOf === null ? null : isDate(occurrence.instanceOf) ? occurrence.instanceOf : occurrence.start,
  };
}

function occurrences(master: VEvent, series: Series, context: ReadContext): Occurrence[] {
  if (master.rrule) {
    return expandedInstances(master, series, context).map((instance) => ({
      event: instance.event,
      start: instance.start,
      end: instance.end,
      instanceOf: instance.event.recurrenceid ?? instance.start,
    }));
  }
  // Without an RRULE every listing is returned, past ones too. Overrides of a series whose master
  // is missing (or has only RDATEs, which node-ical ignores) still name a real date: keep them.
  const overrides = new Set(Object.values(master.recurrences ?? {}) as ParsedEvent[]);
  return [master, ...overrides].map((event) => ({
    event,
    start: event.start,
    end: event.end,
    instanceOf: event.recurrenceid ?? null,
  }));
}

type Instance = ReturnType<typeof ical.expandRecurringEvent>[number];

// The recurrence library steps through a rule up to 10,000 times before it gives up, and each
// step of a rule that can never match (BYMONTH=2;BYMONTHDAY=30) or that expands a whole year at a
// time costs up to milliseconds: one hostile RRULE could hold up the run for half a minute. So
// rules are checked against RFC 5545 first, steps are capped by frequency (still a century and
// more of real monthly or weekly meetings), and a feed's rules share one time budget.
const MAX_STEPS: Record<string, number> = { YEARLY: 200, MONTHLY: 1_200, WEEKLY: 5_200, DAILY: 10_000, HOURLY: 10_000 };
const RECURRENCE_BUDGET_MS = 5_000;

/**
 * A series' instances in the window, at most MAX_INSTANCES_PER_SERIES of them (those nearest to
 * now). A rule that is not valid, repeats by the second or minute, or cannot be expanded within
 * the bounds above costs that series, with a warning, not the feed.
 */
function expandedInstances(master: VEvent, series: Series, context: ReadContext): Instance[] {
  const rule = value(series.components.find((c) => value(c, 'RRULE') !== undefined), 'RRULE')?.trim() ?? '';
  const shown = rule.slice(0, 80);
  const skip = (why: string): Instance[] => {
    context.warnings.push(`${label(series.components[0]!)} ${why} (RRULE ${shown}); skipped it`);
    return [];
  };
  const problem = ruleProblem(rule);
  if (problem !== null) return skip(problem);
  if (context.recurrence.exhausted) return skip('was not expanded: the feed\'s recurrence rules took too long already');

  limitSteps(master, MAX_STEPS[ruleFrequency(rule)] ?? 10_000);
  const started = performance.now();
  let instances: Instance[];
  try {
    instances = ical.expandRecurringEvent(master, context.window);
  } catch (error) {
    return skip(`could not be expanded (${(error as Error).message})`);
  } finally {
    context.recurrence.spentMs += performance.now() - started;
    if (context.recurrence.spentMs > RECURRENCE_BUDGET_MS && !context.recurrence.exhausted) {
      context.recurrence.exhausted = true;
      context.warnings.push(`expanding recurrence rules took over ${RECURRENCE_BUDGET_MS / 1000} s; the feed's remaining recurring events were skipped`);
    }
  }
  if (instances.length <= MAX_INSTANCES_PER_SERIES) return instances;
  context.warnings.push(
    `${label(series.components[0]!)} repeats ${instances.length} times in the ${PAST_DAYS + FUTURE_DAYS} days read (RRULE ${shown}); ` +
      `kept the ${MAX_INSTANCES_PER_SERIES} nearest to today`,
  );
  const now = context.window.from.getTime() + PAST_DAYS * DAY_MS;
  const distance = (instance: Instance) => Math.abs(instance.start.getTime() - now);
  return [...instances]
    .sort((a, b) => distance(a) - distance(b))
    .slice(0, MAX_INSTANCES_PER_SERIES)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * node-ical keeps the rule as rrule-temporal's object behind a wrapper; its step limit is read
 * from the object and from its options (which `between` copies into a new object). When a new
 * version moves them, nothing breaks: the library's own limit of 10,000 steps still holds, and
 * the pathological-input tests say the time bound is lost.
 */
function limitSteps(master: VEvent, steps: number): void {
  const engine = (master.rrule as unknown as { _rrule?: { maxIterations?: unknown; opts?: { maxIterations?: unknown } } })._rrule;
  if (engine === undefined || engine === null) return;
  if (typeof engine.maxIterations === 'number') engine.maxIterations = steps;
  if (typeof engine.opts === 'object' && engine.opts !== null) engine.opts.maxIterations = steps;
}

function ruleFrequency(rule: string): string {
  return /(?:^|;)FREQ=([A-Z]+)/i.exec(rule)?.[1]?.toUpperCase() ?? '';
}

const WEEKDAY = '(?:MO|TU|WE|TH|FR|SA|SU)';

/** What makes the rule invalid under RFC 5545 §3.3.10 (or not worth expanding), or null. */
export function ruleProblem(rule: string): string | null {
  const parts = new Map<string, string>();
  for (const part of rule.split(';')) {
    const [key = '', ...rest] = part.split('=');
    if (key.trim() !== '') parts.set(key.trim().toUpperCase(), rest.join('=').trim().toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq === 'SECONDLY' || freq === 'MINUTELY') return `repeats every ${freq === 'SECONDLY' ? 'second' : 'minute'}, which no event does`;
  if (freq === undefined || !(freq in MAX_STEPS)) return 'has no valid FREQ';
  const numbers = (key: string, min: number, max: number, signed: boolean): boolean => {
    const text = parts.get(key);
    if (text === undefined) return true;
    return text.split(',').every((item) => {
      if (!/^[+-]?\d{1,4}$/.test(item)) return false;
      const n = Number(item);
      return signed ? n !== 0 && Math.abs(n) >= min && Math.abs(n) <= max : n >= min && n <= max && !/^[+-]/.test(item);
    });
  };
  const checks: [boolean, string][] = [
    [numbers('INTERVAL', 1, 10_000, false), 'INTERVAL'],
    [numbers('COUNT', 1, 100_000, false), 'COUNT'],
    [numbers('BYSECOND', 0, 60, false), 'BYSECOND'],
    [numbers('BYMINUTE', 0, 59, false), 'BYMINUTE'],
    [numbers('BYHOUR', 0, 23, false), 'BYHOUR'],
    [numbers('BYMONTH', 1, 12, false), 'BYMONTH'],
    [numbers('BYMONTHDAY', 1, 31, true) && !(parts.has('BYMONTHDAY') && freq === 'WEEKLY'), 'BYMONTHDAY'],
    [numbers('BYYEARDAY', 1, 366, true) && !(parts.has('BYYEARDAY') && ['DAILY', 'WEEKLY', 'MONTHLY'].includes(freq)), 'BYYEARDAY'],
    [numbers('BYWEEKNO', 1, 53, true) && !(parts.has('BYWEEKNO') && freq !== 'YEARLY'), 'BYWEEKNO'],
    [numbers('BYSETPOS', 1, 366, true) && !(parts.has('BYSETPOS') && ![...parts.keys()].some((k) => k.startsWith('BY') && k !== 'BYSETPOS')), 'BYSETPOS'],
    [byDayValid(parts.get('BYDAY'), freq), 'BYDAY'],
    [parts.get('WKST') === undefined || new RegExp(`^${WEEKDAY}$`).test(parts.get('WKST')!), 'WKST'],
  ];
  const bad = checks.find(([ok]) => !ok);
  return bad === undefined ? null : `has an RRULE whose ${bad[1]} is not valid`;
}

/** Weekdays, with an ordinal (1MO, -1FR) only in a monthly or yearly rule. */
function byDayValid(text: string | undefined, freq: string): boolean {
  if (text === undefined) return true;
  return text.split(',').every((item) => {
    const match = new RegExp(`^([+-]?\\d{1,2})?${WEEKDAY}$`).exec(item);
    if (!match) return false;
    if (match[1] === undefined) return true;
    const n = Math.abs(Number(match[1]));
    return n >= 1 && n <= 53 && (freq === 'MONTHLY' || freq === 'YEARLY');
  });
}

function toSourceEvent(occurrence: Occurrence, master: VEvent, series: Series, context: ReadContext): SourceEvent {
  const component = sourceComponent(occurrence.event, series);
  const allDay = occurrence.start.dateOnly === true;
  const title = value(component, 'SUMMARY') ?? value(sourceComponent(master, series), 'SUMMARY') ?? '';
  return {
    sourceEventId: occurrence.instanceOf
      ? `${series.uid}#${instanceKey(occurrence.instanceOf)}`
      : series.uid,
    title: plainText(unescapeText(title)) || UNTITLED,
    ...(allDay ? allDayTimes(occurrence) : timedTimes(occurrence)),
    allDay,
    timezone: eventZone(occurrence.start, context),
    status: value(component, 'STATUS')?.trim().toUpperCase() === 'CANCELLED' ? 'cancelled' : 'scheduled',
    ...place(component),
    url: safeHttpUrl(value(component, 'URL')),
    descriptionHtml: context.describe(unescapeText(value(component, 'DESCRIPTION') ?? '')),
    imageUrl: null,
    topics: topics(component),
  };
}

function sourceComponent(event: ParsedEvent, series: Series): Component | undefined {
  return series.components[Number(event[TAG_KEY])];
}

function instanceKey(date: DateWithTimeZone): string {
  return date.dateOnly ? calendarDate(date) : utcInstant(date);
}

/**
 * node-ical gives VALUE=DATE values as local midnight of the machine's zone, so the date is in
 * the local getters; the UTC ones are a day off east of Greenwich.
 */
function calendarDate(date: Date): string {
  return Temporal.PlainDate.from({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() }).toString();
}

function allDayTimes(occurrence: Occurrence): { start: string; end: string; endEstimated: boolean } {
  const start = calendarDate(occurrence.start);
  // Counted on the event itself, not on the instance's end: node-ical applies the duration in
  // milliseconds, which is an hour off across a DST change of the machine's zone. Rounding the
  // event's own span absorbs that hour; an all-day event without DTEND lasts one day (RFC 5545).
  const { start: eventStart, end: eventEnd } = occurrence.event;
  const days = eventEnd ? Math.round((eventEnd.getTime() - eventStart.getTime()) / DAY_MS) : 1;
  return { start, end: addDays(start, Math.max(1, days)), endEstimated: false };
}

function timedTimes(occurrence: Occurrence): { start: string; end: string; endEstimated: boolean } {
  const start = utcInstant(occurrence.start);
  // node-ical makes a missing DTEND equal to DTSTART; an end that is not after the start says
  // nothing about the event's length either.
  const end = occurrence.end;
  if (end && end.getTime() > occurrence.start.getTime()) {
    return { start, end: utcInstant(end), endEstimated: false };
  }
  return { start, end: addMinutes(start, DEFAULT_DURATION_MINUTES), endEstimated: true };
}

function eventZone(start: DateWithTimeZone, context: ReadContext): string | null {
  const zone = start.tz;
  return zone && isIanaZone(zone) && !isUtcZone(zone) ? zone : context.calendarZone;
}

function place(component: Component | undefined): Pick<SourceEvent, 'venue' | 'onlineUrl' | 'attendance'> {
  const location = plainText(unescapeText(value(component, 'LOCATION') ?? ''));
  const onlineUrl = /^https?:\/\/\S+$/i.test(location) ? safeHttpUrl(location) : null;
  if (onlineUrl) return { venue: null, onlineUrl, attendance: 'online' };
  const geo = coordinates(value(component, 'GEO'));
  if (location === '' && geo === null) return { venue: null, onlineUrl: null, attendance: 'in_person' };
  const venue: Venue = {
    name: location.split(',')[0]!.trim() || null,
    address: location || null,
    lat: geo?.lat ?? null,
    lon: geo?.lon ?? null,
  };
  return { venue, onlineUrl: null, attendance: 'in_person' };
}

function coordinates(geo: string | undefined): { lat: number; lon: number } | null {
  const [lat, lon] = (geo ?? '').split(';').map((n) => (n.trim() === '' ? NaN : Number(n)));
  const valid = lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  return valid ? { lat, lon } : null;
}

function topics(component: Component | undefined): string[] {
  const all = (component ? values(component, 'CATEGORIES') : [])
    .flatMap((p) => splitTextList(p.value))
    .map(plainText)
    .filter(Boolean);
  return [...new Set(all)];
}
