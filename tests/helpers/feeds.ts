// Fixture writers for the end-to-end tests, modelled on the real feeds in ../shared/fixtures
// (Meetup's iCal export, schema.org JSON-LD on group pages), with dates relative to the test's clock.

export interface FeedEvent {
  uid: string;
  summary: string;
  start: Date;
  end?: Date;
  status?: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  description?: string;
  location?: string;
  url?: string;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function daysFrom(now: Date, days: number, hourUtc = 2): Date {
  const date = new Date(now.getTime() + days * DAY);
  date.setUTCHours(hourUtc, 0, 0, 0);
  return date;
}

const stamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const escapeText = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');

export function icsFeed(name: string, events: FeedEvent[]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Meetup//Meetup Calendar 1.0//EN', `X-WR-CALNAME:${escapeText(name)}`];
  for (const event of events) {
    lines.push('BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${stamp(new Date())}`, `DTSTART:${stamp(event.start)}`);
    if (event.end) lines.push(`DTEND:${stamp(event.end)}`);
    lines.push(`SUMMARY:${escapeText(event.summary)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.url) lines.push(`URL;VALUE=URI:${event.url}`);
    lines.push(`STATUS:${event.status ?? 'CONFIRMED'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

export function jsonLdPage(title: string, events: Record<string, unknown>[]): string {
  const block = JSON.stringify(events.map((e) => ({ '@context': 'https://schema.org', '@type': 'Event', ...e })));
  return `<!doctype html><html><head><title>${title}</title>
<script type="application/ld+json">${block.replace(/</g, '\\u003c')}</script>
</head><body><h1>${title}</h1></body></html>`;
}
