import ICAL from 'ical.js';

// Feeds the build wrote, read back by ical.js as a calendar app would: what a subscriber sees.

export interface CalendarEvent {
  uid: string;
  summary: string;
  start: Date;
  end: Date | null;
  /** 'date' for an all-day event. */
  datetype: 'date' | 'date-time';
  sequence: number;
  status: string | null;
  location: string | null;
  url: string | null;
  description: string | null;
}

export function calendarEvents(text: string): CalendarEvent[] {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const text = (name: string) => {
      const value = component.getFirstPropertyValue(name);
      return value === null ? null : String(value);
    };
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate(),
      end: event.endDate ? event.endDate.toJSDate() : null,
      datetype: event.startDate.isDate ? 'date' : 'date-time',
      sequence: event.sequence,
      status: text('status'),
      location: text('location'),
      url: text('url'),
      description: text('description'),
    };
  });
}
