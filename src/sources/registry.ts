import type { SourceType } from '../types.ts';
import type { Adapter } from './adapter.ts';

/**
 * The one place a source `type` is mapped to the module that reads it. Each is loaded when a
 * source of its type is first fetched: a run pays the start-up of the readers it uses only
 * (the HTML readers' parsers and schemas are most of a fetch's start-up).
 */
const ADAPTERS: Record<SourceType, () => Promise<Adapter>> = {
  eventbrite: async () => (await import('./eventbrite/index.ts')).eventbriteAdapter,
  ical: async () => (await import('./ical/index.ts')).icalAdapter,
  jsonld: async () => (await import('./jsonld/index.ts')).jsonldAdapter,
  luma: async () => (await import('./luma/index.ts')).lumaAdapter,
  manual: async () => (await import('./manual.ts')).manualAdapter,
  meetup: async () => (await import('./meetup/index.ts')).meetupAdapter,
};

export function adapterFor(type: SourceType): Promise<Adapter> {
  return ADAPTERS[type]();
}
