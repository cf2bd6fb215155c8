import type { HttpClient } from '../http/client.ts';
import type { SiteConfig, SourceConfig } from '../config/schema.ts';
import type { GroupDetails, SourceEvent } from '../types.ts';

export interface AdapterContext {
  http: HttpClient;
  site: SiteConfig;
  /** The run's clock: recurrence expansion and "upcoming" are relative to it. */
  now: Date;
}

/**
 * Given a source, return the events it lists, or throw a SourceFailure saying what was wrong.
 * An adapter never returns an empty list for a page that is not what its type expects.
 */
export type Adapter = (source: SourceConfig, context: AdapterContext) => Promise<AdapterResult>;

export interface AdapterResult {
  events: SourceEvent[];
  group?: GroupDetails;
  /** Problems that did not fail the source (an event page that could not be read, …). */
  warnings?: string[];
}

/** Told of a problem that does not fail the source; it becomes one of the result's warnings. */
export type Warn = (message: string) => void;
