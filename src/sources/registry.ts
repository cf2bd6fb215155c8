import type { SourceType } from '../types.ts';
import type { Adapter } from './adapter.ts';
import { icalAdapter } from './ical.ts';
import { jsonldAdapter } from './jsonld.ts';

/** The one place a source `type` is mapped to the module that reads it. */
const ADAPTERS: Partial<Record<SourceType, Adapter>> = {
  ical: icalAdapter,
  jsonld: jsonldAdapter,
};

export function adapterFor(type: SourceType): Adapter | undefined {
  return ADAPTERS[type];
}
