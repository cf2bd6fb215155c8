import { SourceFailure } from '../../errors.ts';
import { ACCEPT } from '../../http/accept.ts';
import type { HttpResponse } from '../../http/client.ts';
import type { AdapterContext } from '../adapter.ts';
import { describeBody } from '../describe-body.ts';

/** A line `BEGIN:VCALENDAR`, anywhere in the body. */
const CALENDAR_START = /^BEGIN:VCALENDAR[ \t]*\r?$/im;

/**
 * The iCalendar feed at `url`, fetched as its source's own document (conditionally). A page that
 * is not a feed (a login page, an error page served with 200) is a SourceFailure, never a feed
 * of no events.
 */
export async function fetchICalendar(url: string, context: AdapterContext): Promise<HttpResponse> {
  const response = await context.http.get(url, { accept: ACCEPT.ical, conditional: true });
  if (!CALENDAR_START.test(response.text())) {
    throw new SourceFailure('unexpected_content', `${response.url} is not an iCalendar feed (no BEGIN:VCALENDAR): got ${describeBody(response)}`);
  }
  return response;
}
