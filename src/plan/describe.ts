import type { Slot } from './slots.ts';

// A slot in words, written to follow "usually meets": "every Thursday morning", "on the second
// Tuesday of the month, 6 PM", "every other Wednesday, 5:30 PM".

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ORDINALS = ['first', 'second', 'third', 'fourth'];

export function describeSlot(slot: Slot): string {
  const { rule } = slot;
  const weekday = WEEKDAYS[rule.weekday - 1]!;
  switch (rule.kind) {
    case 'weekly':
      return slot.exact ? `every ${weekday}, ${clockTime(slot.time)}` : `every ${weekday} ${slot.part}`;
    case 'biweekly':
      return slot.exact ? `every other ${weekday}, ${clockTime(slot.time)}` : `every other ${weekday} ${slot.part}`;
    case 'monthly':
      return `on the ${ORDINALS[rule.week - 1]} ${weekday} of the month, ${when(slot)}`;
    case 'last':
      return `on the last ${weekday} of the month, ${when(slot)}`;
  }
}

/** Several slots of one group, in one phrase: "every Thursday morning and on the last Friday of the month, 6 PM". */
export function describeSlots(slots: Slot[]): string {
  return joined(slots.map(describeSlot));
}

/**
 * A group's habit in a sentence for its page, each slot with how sure we are: "Usually meets on
 * the second Tuesday of the month, 6 PM (5 of the last 6 months)"; null for a group without one.
 * Weekly slots at the same hour and as sure are said once: "every Tuesday and Thursday, 7:30 AM
 * (each of the last 6 months)", "every day, 6 PM (…)".
 */
export function usuallyMeets(slots: Slot[]): string | null {
  if (slots.length === 0) return null;
  const phrases = new Map<string, { slots: Slot[]; confidence: string }>();
  for (const slot of slots) {
    const confidence = describeConfidence(slot);
    const key = slot.rule.kind === 'weekly' ? `weekly ${slot.exact ? slot.time : slot.part} ${confidence}` : `${phrases.size} ${describeSlot(slot)}`;
    const known = phrases.get(key);
    if (known) known.slots.push(slot);
    else phrases.set(key, { slots: [slot], confidence });
  }
  return `Usually meets ${joined([...phrases.values()].map(({ slots: same, confidence }) => `${same.length === 1 ? describeSlot(same[0]!) : everyWeek(same)} (${confidence})`))}`;
}

/** Weekly slots of one hour on several weekdays: "every Monday, Wednesday and Friday, 6 PM", "every day, 6 PM", "every morning". */
function everyWeek(slots: Slot[]): string {
  const first = slots[0]!;
  if (slots.length === 7) return first.exact ? `every day, ${clockTime(first.time)}` : `every ${first.part}`;
  const named = joined(slots.map((slot) => slot.rule.weekday).sort((a, b) => a - b).map((day) => WEEKDAYS[day - 1]!));
  return first.exact ? `every ${named}, ${clockTime(first.time)}` : `every ${named} ${first.part}`;
}

/** How sure we are, in words: "5 of the last 6 months", "each of the last 3 months". */
export function describeConfidence(slot: Slot): string {
  const { monthsMatched: matched, monthsCounted: counted } = slot;
  if (counted === 1) return 'this past month';
  return `${matched === counted ? 'each' : matched} of the last ${counted} months`;
}

/** "6 PM", "7:30 AM", "noon". */
export function clockTime(time: string): string {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  if (hours === 12 && minutes === 0) return 'noon';
  const hour = hours % 12 === 0 ? 12 : hours % 12;
  return `${hour}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''} ${hours < 12 ? 'AM' : 'PM'}`;
}

function joined(phrases: string[]): string {
  return phrases.length <= 2 ? phrases.join(' and ') : `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)}`;
}

function when(slot: Slot): string {
  return slot.exact ? clockTime(slot.time) : `in the ${slot.part}`;
}
