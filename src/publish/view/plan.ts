import { appendTo } from '../../maps.ts';
import type { Booking } from '../../plan/clashes.ts';
import { clockTime, describeConfidence, describeSlot } from '../../plan/describe.ts';
import { ALL_DAY_CLASH_MAX_DAYS, planAhead } from '../../plan/index.ts';
import type { Slot } from '../../plan/slots.ts';
import type { UsualNight } from '../../plan/usual.ts';
import type { ListedEvent } from '../../types.ts';
import { addDays, daysBetween, isoWeekOf } from '../../time.ts';
import { groupPath } from '../site-paths.ts';
import { faceOf, groupName, type ViewContext } from './context.ts';
import { count } from './count.ts';
import { dateBlock, dayLabelFrom, type DateBlock } from './date-labels.ts';
import type { EventView } from './event.ts';
import type { GroupFace } from './face.ts';
import { pagePath, type ListFilter } from './list-pages.ts';
import { weekHeading } from './lists.ts';
import type { DayLink } from './month-grid.ts';
import { planMeta, type PageMeta } from './page-meta.ts';
import { tagRefs, tagSlug, type TagRef } from './tag-refs.ts';

// The plan pages, for organizers picking a date: each of the next PLAN_DAYS nights with the
// events listed on it, the groups that usually meet then (src/plan), the clashes, and whether it
// is free; once for every group and once per tag. The same plan gives each event page its
// "Also that evening" and each group page its regular slot, so they never disagree.

export const PLAN_DAYS = 120;
/** Events a night shows; a busy one links to the day in the upcoming list for the rest. */
export const NIGHT_SHOWN = 6;
/**
 * Usual meetings a night shows; the rest are counted. A region's calendar has a few hundred
 * groups, a dozen of which may usually meet on a Tuesday: every one of them on every night would
 * make the page too long to lay out quickly (bench/pages.ts), and a tag's page shows them all.
 */
export const USUAL_SHOWN = 3;
/**
 * Weeks a page shows. A region's calendar of a few hundred groups fills four weeks with more than
 * a phone's first paint can lay out in time (bench/pages.ts: 1.5 to 1.8 s against 0.8 s for two).
 */
export const PLAN_WEEKS_PER_PAGE = 2;
/** Clashes a night shows; the rest are counted (each event's page still names its own). */
export const CLASHES_SHOWN = 4;

/** A group's usual night, as the plan shows it. */
export interface UsualEntry {
  groupId: string;
  groupName: string;
  groupPath: string;
  face: GroupFace;
  /** "6 PM", or "evening" when its start varies. */
  timeLabel: string;
  /** "on the second Tuesday of the month, 6 PM" */
  slotLabel: string;
  /** "5 of the last 6 months" */
  confidenceLabel: string;
  /** The group's tags, as slugs. */
  tags: string[];
}

export interface PlanEntry {
  event: EventView;
  /** "6:00 – 8:00 PM", "All day"; "continues" on the later days of an event of a few days. */
  timeLabel: string;
}

export type ClashSide = { kind: 'event'; event: EventView } | { kind: 'usual'; usual: UsualEntry };

export interface ClashNote {
  first: ClashSide;
  second: ClashSide;
  /** The tags both sides share. */
  tags: TagRef[];
}

/** What an event's page says of another thing on at the same time for the same audience. */
export interface AlsoThatEvening {
  other: ClashSide;
  tags: TagRef[];
  /** The night on the plan of the first tag they share. */
  planPath: string;
}

export interface PlanNight {
  day: string;
  /** "Tuesday, December 8" */
  label: string;
  dateBlock: DateBlock;
  isToday: boolean;
  events: PlanEntry[];
  moreCount: number;
  /** Where the upcoming list shows the whole day; null when every event is shown. */
  morePath: string | null;
  usual: UsualEntry[];
  /** How many more groups usually meet than it shows. */
  usualMoreCount: number;
  clashes: ClashNote[];
  /** How many more clashes the night has than it shows. */
  clashMoreCount: number;
  /** Nothing listed, and no group usually meets. */
  free: boolean;
}

export interface PlanWeek {
  id: string;
  /** "This week", "Next week", "Week of December 14, 2026" */
  heading: string;
  nights: PlanNight[];
}

export interface PlanPage {
  /** `/plan/`, `/plan/<tag>/`, and `<that>/<n>/` for the pages after the first. */
  path: string;
  tag: TagRef | null;
  /** How many nights the whole plan shows, today's first. */
  days: number;
  heading: string;
  /** Of the whole plan: "12 events listed, 9 usual nights, 2 clashes and 98 free nights." */
  summary: string;
  /** The nights this page shows: "Nov 26 – Dec 6", "Dec 7–20". */
  rangeLabel: string;
  pageNumber: number;
  pageCount: number;
  /** Every page of this plan, named by its nights. */
  pages: ListFilter[];
  next: ListFilter | null;
  /** All, then each tag, at the same nights: links between the plans. */
  filters: ListFilter[];
  weeks: PlanWeek[];
  meta: PageMeta;
}

export interface PlanView {
  pages: PlanPage[];
  /** Each group's regular slots, for the groups that keep one. */
  slots: Map<string, Slot[]>;
  /** By event id: what else is on at its hours for its audience. */
  alsoThatEvening: Map<string, AlsoThatEvening[]>;
}

/**
 * `listed`: every event as stored (merged, corrected); `events`: their views; `tags`: the tags
 * in the order their pages are listed; `dayLink`: where the upcoming list shows a day.
 */
export function planView(listed: ListedEvent[], events: EventView[], tags: TagRef[], context: ViewContext, dayLink: DayLink): PlanView {
  const groupTags = (id: string) => (context.groups.get(id)?.tags ?? []).map(tagSlug);
  const plan = planAhead({
    events: listed,
    groups: [...context.groups.values()].map((g) => ({ id: g.id, tags: groupTags(g.id) })),
    zone: context.zone,
    now: context.now,
    days: PLAN_DAYS,
  });

  const usualEntries = new Map<UsualNight, UsualEntry>();
  const usualOf = (night: UsualNight) => {
    let entry = usualEntries.get(night);
    if (!entry) {
      entry = usualEntry(night, groupTags(night.groupId), context);
      usualEntries.set(night, entry);
    }
    return entry;
  };
  const usualByDay = new Map<string, UsualEntry[]>();
  for (const night of plan.usual) appendTo(usualByDay, night.day, usualOf(night));

  const byId = new Map(events.map((e) => [e.id, e]));
  const side = (booking: Booking): ClashSide =>
    booking.kind === 'event' ? { kind: 'event', event: byId.get(booking.event.id)! } : { kind: 'usual', usual: usualOf(booking.night) };
  const tagRef = (slug: string) => context.tags.get(slug) ?? tagRefs([slug])[0]!;
  const clashesByDay = new Map<string, ClashNote[]>();
  const alsoThatEvening = new Map<string, AlsoThatEvening[]>();
  // The page of a plan a night is on: its week's, counted from this week.
  const pageOf = (day: string) => Math.floor(daysBetween(isoWeekOf(plan.from).monday, day) / 7 / PLAN_WEEKS_PER_PAGE) + 1;
  for (const clash of plan.clashes) {
    const note = { first: side(clash.first), second: side(clash.second), tags: clash.tags.map(tagRef) };
    appendTo(clashesByDay, clash.day, note);
    const planPath = `${pagePath(planPathOf(note.tags[0]!), pageOf(clash.day))}#night-${clash.day}`;
    for (const [own, other] of [[note.first, note.second], [note.second, note.first]] as const) {
      if (own.kind === 'event') appendTo(alsoThatEvening, own.event.id, { other, tags: note.tags, planPath });
    }
  }

  const eventsByDay = plannedEvents(events, plan.from, plan.to);
  const days = Array.from({ length: PLAN_DAYS }, (_, i) => addDays(plan.from, i));
  const page = (tag: TagRef | null): PlanPage[] => {
    const has = (slugs: string[]) => tag === null || slugs.includes(tag.slug);
    const shown = new Set<string>();
    const nights = days.map((day) => {
      const listedThen = (eventsByDay.get(day) ?? []).filter((entry) => has(entry.event.tags.map((t) => t.slug)));
      for (const entry of listedThen) shown.add(entry.event.id);
      const usual = (usualByDay.get(day) ?? []).filter((entry) => has(entry.tags));
      const clashes = (clashesByDay.get(day) ?? []).filter((note) => has(note.tags.map((t) => t.slug)));
      return night(day, context.today, listedThen, usual, clashes, dayLink);
    });
    return planPages(tag, nights, shown.size, tags, context.today);
  };
  return { pages: [null, ...tags].flatMap(page), slots: plan.slots, alsoThatEvening };
}

function usualEntry(night: UsualNight, tags: string[], context: ViewContext): UsualEntry {
  const { slot } = night;
  return {
    groupId: night.groupId,
    groupName: groupName(context, night.groupId),
    groupPath: groupPath(night.groupId),
    face: faceOf(context, night.groupId),
    timeLabel: slot.exact ? clockTime(slot.time) : slot.part,
    slotLabel: describeSlot(slot),
    confidenceLabel: describeConfidence(slot),
    tags,
  };
}

/**
 * The events that go ahead, under each night from `from` to `to` they are on. One that runs a
 * few days is on each of them; a longer one (a course, a call for papers) is a backdrop to the
 * nights it spans, as it is for clashes, and shows on its first day only.
 */
function plannedEvents(events: EventView[], from: string, to: string): Map<string, PlanEntry[]> {
  const byDay = new Map<string, PlanEntry[]>();
  for (const event of events) {
    if (event.removed || event.status !== 'scheduled' || event.when.lastDay < from || event.when.day > to) continue;
    const days = event.when.days.length <= ALL_DAY_CLASH_MAX_DAYS ? event.when.days : [event.when.day];
    days.forEach((day, i) => {
      if (day >= from && day <= to) appendTo(byDay, day, { event, timeLabel: i === 0 ? event.when.listTimeLabel : 'continues' });
    });
  }
  return byDay;
}

function night(day: string, today: string, events: PlanEntry[], usual: UsualEntry[], clashes: ClashNote[], dayLink: DayLink): PlanNight {
  const moreCount = Math.max(0, events.length - NIGHT_SHOWN);
  return {
    day,
    label: dayLabelFrom(day, today.slice(0, 4)),
    dateBlock: dateBlock(day),
    isToday: day === today,
    events: events.slice(0, NIGHT_SHOWN),
    moreCount,
    morePath: moreCount > 0 ? dayLink(day) : null,
    usual: usual.slice(0, USUAL_SHOWN),
    usualMoreCount: Math.max(0, usual.length - USUAL_SHOWN),
    clashes: clashes.slice(0, CLASHES_SHOWN),
    clashMoreCount: Math.max(0, clashes.length - CLASHES_SHOWN),
    free: events.length === 0 && usual.length === 0,
  };
}

/** Where a plan's pages are: `/plan/`, `/plan/<tag>/` (`/plan/tag-<n>/` for a tag named like a page number). */
export function planPathOf(tag: TagRef | null): string {
  if (!tag) return '/plan/';
  return /^\d+$/.test(tag.slug) ? `/plan/tag-${tag.slug}/` : `/plan/${tag.slug}/`;
}

/** A plan's nights, a week under each heading, PLAN_WEEKS_PER_PAGE weeks a page. */
function planPages(tag: TagRef | null, nights: PlanNight[], eventCount: number, tags: TagRef[], today: string): PlanPage[] {
  const weeks: PlanWeek[] = [];
  for (const night of nights) {
    const id = `week-${isoWeekOf(night.day).id}`;
    const week = weeks.at(-1);
    if (week?.id === id) week.nights.push(night);
    else weeks.push({ id, heading: weekHeading(night.day, today), nights: [night] });
  }
  const usualCount = nights.reduce((sum, n) => sum + n.usual.length + n.usualMoreCount, 0);
  const clashCount = nights.reduce((sum, n) => sum + n.clashes.length + n.clashMoreCount, 0);
  const freeCount = nights.filter((n) => n.free).length;
  const summary = `${count(eventCount, 'event')} listed, ${count(usualCount, 'usual night')}, ${count(clashCount, 'clash', 'clashes')} and ${count(freeCount, 'free night')}.`;

  const chunks = Array.from({ length: Math.ceil(weeks.length / PLAN_WEEKS_PER_PAGE) }, (_, i) => weeks.slice(i * PLAN_WEEKS_PER_PAGE, (i + 1) * PLAN_WEEKS_PER_PAGE));
  const base = planPathOf(tag);
  const pages = chunks.map((chunk, i) => {
    const days = chunk.flatMap((week) => week.nights.map((n) => n.day));
    return { label: rangeLabel(days[0]!, days.at(-1)!), path: pagePath(base, i + 1) };
  });
  return chunks.map((chunk, i) => ({
    path: pages[i]!.path,
    tag,
    days: nights.length,
    heading: tag ? `Plan: ${tag.name}` : 'Plan',
    summary,
    rangeLabel: pages[i]!.label,
    pageNumber: i + 1,
    pageCount: chunks.length,
    pages: pages.map((p, j) => ({ ...p, current: j === i })),
    next: pages[i + 1] ? { ...pages[i + 1]!, current: false } : null,
    filters: [null, ...tags].map((t) => ({ label: t?.name ?? 'All', path: pagePath(planPathOf(t), i + 1), current: t?.slug === tag?.slug })),
    weeks: chunk,
    meta: planMeta(tag, PLAN_DAYS, i === 0 ? null : pages[i]!.label),
  }));
}

/** Two days as a short range: "Dec 7–20", "Dec 28 – Jan 10". */
function rangeLabel(first: string, last: string): string {
  const [a, b] = [dateBlock(first), dateBlock(last)];
  return a.month === b.month ? `${a.month} ${a.day}–${b.day}` : `${a.month} ${a.day} – ${b.month} ${b.day}`;
}
