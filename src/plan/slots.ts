import { addDays, addMonths } from '../time.ts';
import { daysOf, ruleKey, rulesOf, type SlotRule } from './rules.ts';

// A group's regular slot ("the second Tuesday of the month, 6 PM"), recognised from when its
// events started, as local wall-clock times in the site's zone: a group that meets at 6 PM
// meets at 6 PM on both sides of a change of the clocks.
//
// A slot's record starts at its first meeting in the last LOOKBACK_MONTHS months (before that,
// the group met elsewhere or we did not know it). From then on, each month it would have fallen
// in counts; the month matched when the group met on more than half of its days (every other
// week's month of two needs both: one of two is as much a miss as a meeting). How sure we are
// is the share of those months that matched. A slot whose last two counted months did not
// match has stopped; so has one that a later slot of the group took over from.

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** One timed event of a group, in the site's zone. */
export interface Meeting {
  /** Local day it starts, `YYYY-MM-DD`. */
  day: string;
  /** Local start, `HH:MM`. */
  time: string;
  minutes: number;
}

export interface Slot {
  rule: SlotRule;
  part: PartOfDay;
  /** Its usual start, `HH:MM`: the one most of its meetings start at, else their middle one. */
  time: string;
  /** Whether most of its meetings start at `time` (else it is only said as "mornings"). */
  exact: boolean;
  /** Its usual length: the middle one of its meetings'. */
  minutes: number;
  /** The share of the months counted that matched, from 0 to 1. */
  confidence: number;
  monthsMatched: number;
  monthsCounted: number;
  /** Its first and latest meeting. */
  since: string;
  latest: string;
}

export const LOOKBACK_MONTHS = 6;
/** Listings further ahead than this are too far off to say how a group meets now. */
const LOOKAHEAD_DAYS = 183;
const MIN_MEETINGS = 3;
const MIN_CONFIDENCE = 0.6;
/** Monthly rules before every other week before weekly: the most specific that explains as much. */
const SPECIFICITY: Record<SlotRule['kind'], number> = { monthly: 3, last: 3, biweekly: 2, weekly: 1 };

export function partOfDay(time: string): PartOfDay {
  return time < '12:00' ? 'morning' : time < '17:00' ? 'afternoon' : 'evening';
}

/** The slots a group keeps, from its meetings (past and listed ahead), as of the local day `today`. */
export function recogniseSlots(meetings: Meeting[], today: string): Slot[] {
  const windowStart = `${addMonths(today.slice(0, 7), -LOOKBACK_MONTHS)}-01`;
  const horizon = addDays(today, LOOKAHEAD_DAYS);
  const candidates = [...candidatesOf(meetings.filter((m) => m.day >= windowStart && m.day <= horizon)).values()]
    .map(({ rule, part, matching }) => assess(rule, part, matching, today))
    .filter((c): c is Candidate => c !== null && c.slot.confidence >= MIN_CONFIDENCE && !hasStopped(c.months))
    .sort(strongestFirst);

  const chosen: Candidate[] = [];
  const explained = new Set<Meeting>();
  for (const candidate of candidates) {
    const sameNight = chosen.some((c) => c.slot.rule.weekday === candidate.slot.rule.weekday && c.slot.part === candidate.slot.part);
    const unexplained = candidate.meetings.filter((m) => !explained.has(m));
    if (sameNight || unexplained.length < MIN_MEETINGS) continue;
    chosen.push(candidate);
    for (const m of candidate.meetings) explained.add(m);
  }
  // A group that moved its night: its old slot ended before the new one began.
  const slots = chosen.map((c) => c.slot);
  return slots.filter((slot) => !slots.some((later) => later.part === slot.part && later.since > slot.latest));
}

interface Candidate {
  slot: Slot;
  meetings: Meeting[];
  /** Whether each counted month matched, oldest first. */
  months: boolean[];
}

/** Every rule and part of the day some meeting fits, with the meetings that fit it. */
function candidatesOf(meetings: Meeting[]): Map<string, { rule: SlotRule; part: PartOfDay; matching: Meeting[] }> {
  const candidates = new Map<string, { rule: SlotRule; part: PartOfDay; matching: Meeting[] }>();
  for (const meeting of meetings) {
    const part = partOfDay(meeting.time);
    for (const rule of rulesOf(meeting.day)) {
      const key = `${ruleKey(rule)} ${part}`;
      const known = candidates.get(key);
      if (known) known.matching.push(meeting);
      else candidates.set(key, { rule, part, matching: [meeting] });
    }
  }
  return candidates;
}

function assess(rule: SlotRule, part: PartOfDay, matching: Meeting[], today: string): Candidate | null {
  if (matching.length < MIN_MEETINGS) return null;
  const held = new Set(matching.map((m) => m.day));
  const days = [...held].sort();
  const [since, latest] = [days[0]!, days.at(-1)!];

  // Days still ahead and not listed yet say nothing either way.
  const tally = new Map<string, { held: number; decided: number }>();
  for (const day of daysOf(rule, since, latest >= today ? latest : addDays(today, -1))) {
    const wasHeld = held.has(day);
    if (!wasHeld && day >= today) continue;
    const month = tally.get(day.slice(0, 7)) ?? { held: 0, decided: 0 };
    month.decided += 1;
    if (wasHeld) month.held += 1;
    tally.set(day.slice(0, 7), month);
  }
  const months = [...tally.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, m]) => m.held * 2 > m.decided);
  const monthsMatched = months.filter(Boolean).length;
  const { time, exact } = usualTime(matching);
  return {
    slot: {
      rule,
      part,
      time,
      exact,
      minutes: middle(matching.map((m) => m.minutes)),
      confidence: monthsMatched / months.length,
      monthsMatched,
      monthsCounted: months.length,
      since,
      latest,
    },
    meetings: matching,
    months,
  };
}

function hasStopped(months: boolean[]): boolean {
  return months.length >= 2 && !months.at(-1) && !months.at(-2);
}

function strongestFirst(a: Candidate, b: Candidate): number {
  return (
    b.meetings.length - a.meetings.length ||
    b.slot.confidence - a.slot.confidence ||
    SPECIFICITY[b.slot.rule.kind] - SPECIFICITY[a.slot.rule.kind] ||
    (ruleKey(a.slot.rule) < ruleKey(b.slot.rule) ? -1 : 1)
  );
}

/** The start most meetings share, earliest first on a tie; without a majority, the middle one. */
function usualTime(meetings: Meeting[]): { time: string; exact: boolean } {
  const counts = new Map<string, number>();
  for (const m of meetings) counts.set(m.time, (counts.get(m.time) ?? 0) + 1);
  const [time, count] = [...counts.entries()].sort(([ta, ca], [tb, cb]) => cb - ca || (ta < tb ? -1 : 1))[0]!;
  if (count * 2 > meetings.length) return { time, exact: true };
  return { time: meetings.map((m) => m.time).sort()[Math.floor((meetings.length - 1) / 2)]!, exact: false };
}

function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
