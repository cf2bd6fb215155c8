import type { Config } from '../config/schema.ts';
import type { StoredEvent } from '../types.ts';
import { applyCorrections, type CorrectedEvents } from './corrections.ts';
import { mergeDuplicates } from './duplicates.ts';

/**
 * The stored events as the site lists them: each event once (listings of it by several sources
 * merged), with the maintainers' corrections applied. The site and the announcements both start
 * from these, so a post never says what the site does not.
 */
export function listedEvents(events: StoredEvent[], config: Pick<Config, 'duplicates' | 'corrections'>): CorrectedEvents {
  return applyCorrections(mergeDuplicates(events, config.duplicates), config.corrections);
}
