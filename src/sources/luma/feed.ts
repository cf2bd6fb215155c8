import { load } from 'cheerio';
import { describe } from '../../text/describe.ts';
import { safeHttpUrl } from '../../text/sanitize.ts';
import type { SourceEvent } from '../../types.ts';
import { parseICalendar, type ParsedCalendar, type ParseOptions } from '../ical/index.ts';
import { isLumaUrl } from './urls.ts';

// A Luma calendar's iCal feed: every event, past ones too, in UTC, the link buried in the
// description, a Luma page where the place should be.

// Luma's boilerplate lines, which say nothing the event's fields do not.
const EVENT_PAGE_LINE = /^Get up-to-date information at:\s*https?:\/\/\S+\s*$/i;
const CALENDAR_PAGE_LINE = /^Find more information on:?\s*https?:\/\/\S+\s*$/i;
const NO_ADDRESS_PARAGRAPH = /^Address:\s*\nCheck event page for more details\.\s*$/i;
const EVENT_PAGE_MARK = 'Get up-to-date information at:';

/**
 * A Luma feed's events: ids without the `@events.lu.ma` domain, the event's page as its `url`,
 * and Luma's boilerplate gone from the description. Past events are kept.
 */
export function parseLumaFeed(bytes: Uint8Array, options: ParseOptions): ParsedCalendar {
  const calendar = parseICalendar(bytes, { ...options, describe: (text) => describe(withoutBoilerplate(text)) });
  return { ...calendar, events: calendar.events.map(fromLumaFeed) };
}

function fromLumaFeed(event: SourceEvent): SourceEvent {
  const id = event.sourceEventId.replace(/^((?:evt|calev)-[A-Za-z0-9]+)@[^#]*/, '$1');
  const { html, eventPage } = takeEventPage(event.descriptionHtml);
  // LOCATION holds a link where the event has no address: Luma's own page for the event, or, for
  // an event listed from elsewhere (`calev-…`), that event's page. Neither is a meeting link.
  const locationPage = event.onlineUrl !== null && (isLumaUrl(event.onlineUrl) || id.startsWith('calev-')) ? event.onlineUrl : null;
  const place = locationPage === null ? {} : { attendance: 'in_person' as const, venue: null, onlineUrl: null };
  return { ...event, ...place, sourceEventId: id, url: eventPage ?? locationPage ?? event.url, descriptionHtml: html };
}

/**
 * The description text without Luma's calendar-page line and its "Check event page" address;
 * the line naming the event's page is kept as a paragraph of its own, for `takeEventPage`.
 */
function withoutBoilerplate(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((paragraph) => !NO_ADDRESS_PARAGRAPH.test(paragraph.trim()))
    .flatMap((paragraph) => {
      const lines = paragraph.split('\n').filter((line) => !CALENDAR_PAGE_LINE.test(line.trim()));
      const pageLines = lines.filter((line) => EVENT_PAGE_LINE.test(line.trim()));
      const rest = lines.filter((line) => !EVENT_PAGE_LINE.test(line.trim())).join('\n');
      return [...pageLines, rest];
    })
    .filter((paragraph) => paragraph.trim() !== '')
    .join('\n\n');
}

/** The event's page, taken out of the paragraph Luma writes it in. */
function takeEventPage(descriptionHtml: string): { html: string; eventPage: string | null } {
  if (!descriptionHtml.includes(EVENT_PAGE_MARK)) return { html: descriptionHtml, eventPage: null };
  const $ = load(descriptionHtml, null, false);
  let eventPage: string | null = null;
  $('p').each((_, paragraph) => {
    if (!$(paragraph).text().trim().startsWith(EVENT_PAGE_MARK)) return;
    eventPage ??= safeHttpUrl($(paragraph).find('a').attr('href'));
    $(paragraph).remove();
  });
  return { html: $.html().trim(), eventPage };
}
