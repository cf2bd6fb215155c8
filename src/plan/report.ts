import { dateTimeFormat, partsOf } from '../time.ts';
import type { Booking, Clash } from './clashes.ts';
import { describeSlot } from './describe.ts';
import type { Plan } from './index.ts';

// What `spokane-tech clashes` says: a table for people, Markdown for the nightly job's summary,
// JSON for scripts. Event titles come from strangers: in Markdown they are plain text, escaped.

/** What the report needs to name things: groups and tags by name, events by their page on the site. */
export interface Names {
  zone: string;
  group: (id: string) => string;
  tag: (key: string) => string;
  page: (booking: Extract<Booking, { kind: 'event' }>) => string;
}

export interface ClashSide {
  kind: 'event' | 'usual';
  groupId: string;
  group: string;
  /** The event's title; for a usual night, its slot in words. */
  title: string;
  /** UTC instants; the local days of an all-day event. */
  start: string;
  end: string;
  allDay: boolean;
  /** The event's page on the site; null for a usual night. */
  page: string | null;
  /** For a usual night: the share of recent months its slot matched. */
  confidence: number | null;
}

export interface ClashLine {
  day: string;
  tags: string[];
  first: ClashSide;
  second: ClashSide;
}

export interface ClashReport {
  from: string;
  to: string;
  days: number;
  timezone: string;
  clashes: ClashLine[];
}

export function clashReport(plan: Plan, days: number, names: Names): ClashReport {
  const clashes = plan.clashes.map((clash) => ({ day: clash.day, tags: clash.tags.map(names.tag), first: side(clash.first, names), second: side(clash.second, names) }));
  return { from: plan.from, to: plan.to, days, timezone: names.zone, clashes };
}

function side(booking: Booking, names: Names): ClashSide {
  if (booking.kind === 'usual') {
    const { night } = booking;
    return { kind: 'usual', groupId: night.groupId, group: names.group(night.groupId), title: `usually meets ${describeSlot(night.slot)}`, start: night.start, end: night.end, allDay: false, page: null, confidence: night.slot.confidence };
  }
  const { event } = booking;
  return { kind: 'event', groupId: event.groupId, group: names.group(event.groupId), title: event.title, start: event.start, end: event.end, allDay: event.allDay, page: names.page(booking), confidence: null };
}

/** For `--json`. */
export function clashesJson(report: ClashReport): string {
  return JSON.stringify(report, null, 2);
}

/** For people: each clash as two lines (one per side) and the tags they share; `zoneLabel` names the zone once. */
export function clashesTable(report: ClashReport, zoneLabel: string): string {
  const heading = `Clashes between groups of a tag in the next ${report.days} days (${dayLabel(report.from)} – ${dayLabel(report.to)}), times in ${zoneLabel}:`;
  if (report.clashes.length === 0) return `${heading}

none: no two groups of a tag are on at once.`;
  const time = (s: ClashSide) => timeLabel(s, report.timezone);
  const rows = report.clashes.flatMap((line) => [
    [dayLabel(line.day), time(line.first), line.first.title, line.first.group, line.tags.join(', ')],
    ['', time(line.second), line.second.title, line.second.group, ''],
  ]);
  const header = ['date', 'time', 'what', 'group', 'shared tags'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const format = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  const count = report.clashes.length;
  return [heading, '', format(header), ...rows.map(format), '', `${count} clash${count === 1 ? '' : 'es'}`].join('\n');
}

/** For the nightly job's summary on GitHub. */
export function clashesMarkdown(report: ClashReport, zoneLabel: string): string {
  const heading = `### Clashes\n\nIn the next ${report.days} days (${dayLabel(report.from)} – ${dayLabel(report.to)}), times in ${zoneLabel}`;
  if (report.clashes.length === 0) return `${heading}: none.\n`;
  const cell = (s: ClashSide) => `${timeLabel(s, report.timezone)} ${s.page ? `[${escaped(s.title)}](${s.page})` : escaped(s.title)} · ${escaped(s.group)}`;
  const rows = report.clashes.map((line) => `| ${dayLabel(line.day)} | ${cell(line.first)} | ${cell(line.second)} | ${line.tags.map(escaped).join(', ')} |`);
  return [`${heading}:`, '', '| Date | First | Second | Shared tags |', '|---|---|---|---|', ...rows, ''].join('\n');
}

/** "Thu, Dec 3" */
function dayLabel(day: string): string {
  return dateTimeFormat('UTC', { weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(`${day}T12:00:00Z`));
}

/** "6:00 PM – 8:00 PM", or "all day". */
function timeLabel(side: ClashSide, zone: string): string {
  if (side.allDay) return 'all day';
  // From its parts: Intl puts a narrow no-break space before "PM" on some versions of Node.
  const clock = (instant: string) => {
    const parts = partsOf(dateTimeFormat(zone, { hour: 'numeric', minute: '2-digit' }), new Date(instant));
    return `${parts.hour}:${parts.minute} ${parts.dayPeriod}`;
  };
  return `${clock(side.start)} – ${clock(side.end)}`;
}

/** Plain text in GitHub Markdown: every punctuation mark that could start markup escaped, on one line. */
function escaped(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()<>#+!|~@&-]/g, (char) => `\\${char}`);
}
