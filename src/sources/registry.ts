import type { SourceType } from '../types.ts';
import type { Adapter } from './adapter.ts';
import { eventbriteAdapter } from './eventbrite/index.ts';
import { icalAdapter } from './ical/index.ts';
import { jsonldAdapter } from './jsonld/index.ts';
import { lumaAdapter } from './luma/index.ts';
import { manualAdapter } from './manual.ts';
import { meetupAdapter } from './meetup/index.ts';

/** The one place a source `type` is mapped to the module that reads it. */
const ADAPTERS: Record<SourceType, Adapter> = {
  eventbrite: eventbriteAdapter,
  ical: icalAdapter,
  jsonld: jsonldAdapter,
  luma: lumaAdapter,
  manual: manualAdapter,
  meetup: meetupAdapter,
};

export function adapterFor(type: SourceType): Adapter {
  return ADAPTERS[type];
}
