import type { ChangeField, EventChange, SourceEvent } from '../types.ts';

type Previous = EventChange['previous'];

/**
 * What a subscriber would notice between two versions of an event. Descriptions and images
 * change often and matter little; they raise SEQUENCE but are not announced as changes.
 */
export function describeChange(before: SourceEvent, after: SourceEvent): { fields: ChangeField[]; previous: Previous } {
  const fields: ChangeField[] = [];
  const previous: Previous = {};
  if (before.title !== after.title) {
    fields.push('title');
    previous.title = before.title;
  }
  if (before.start !== after.start || before.end !== after.end || before.allDay !== after.allDay) {
    fields.push('time');
    Object.assign(previous, { start: before.start, end: before.end, allDay: before.allDay });
  }
  if (
    JSON.stringify(before.venue) !== JSON.stringify(after.venue) ||
    before.attendance !== after.attendance ||
    before.onlineUrl !== after.onlineUrl
  ) {
    fields.push('place');
    Object.assign(previous, { venue: before.venue, attendance: before.attendance, onlineUrl: before.onlineUrl });
  }
  if (before.status !== after.status) {
    fields.push('status');
    previous.status = before.status;
  }
  return { fields, previous };
}
