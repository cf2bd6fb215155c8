// The Accept header for each kind of document we ask for, in one place so that every request for
// one kind asks alike. iCalendar feeds are served under many labels (text/plain, octet-stream), so
// that request takes anything, preferring a calendar.

export const ACCEPT = {
  ical: 'text/calendar, */*;q=0.5',
  html: 'text/html,application/xhtml+xml',
  json: 'application/json',
  /** robots.txt */
  text: 'text/plain',
} as const;
