import { SourceFailure } from '../../errors.ts';
import { ACCEPT } from '../../http/accept.ts';
import type { SourceEvent } from '../../types.ts';
import type { Adapter } from '../adapter.ts';
import { capWarnings, MAX_EVENTS_PER_SOURCE } from '../limits.ts';
import { lendCourseDetails } from './courses.ts';
import { extractJsonLd, findEvents, type JsonLdContent } from './extract.ts';
import { eventsFromSchemaOrg, type SchemaOrgOptions } from './schema-org-event.ts';

// Source type `jsonld`: schema.org Event objects embedded in a page as JSON-LD.

export interface JsonLdEvents {
  events: SourceEvent[];
  warnings: string[];
}

/** Any page with schema.org Events in JSON-LD (a venue's or a group's own site). */
export const jsonldAdapter: Adapter = async (source, context) => {
  const response = await context.http.get(source.url, { accept: ACCEPT.html, conditional: true });
  const html = response.text();
  const contentType = response.headers.get('content-type');
  if (!isHtml(contentType, html)) {
    throw new SourceFailure(
      'unexpected_content',
      `${source.url} did not answer with an HTML page (content-type: ${contentType ?? 'none'})`,
    );
  }
  const content = extractJsonLd(html);
  if (content.blocks === 0) {
    throw new SourceFailure(
      'unexpected_content',
      `${source.url} has no JSON-LD (<script type="application/ld+json">) block; the page may have changed`,
    );
  }
  if (content.invalidBlocks === content.blocks) {
    throw new SourceFailure('parse', `none of the ${content.blocks} JSON-LD block(s) on ${source.url} is valid JSON`);
  }
  return eventsFromJsonLd(content, { pageUrl: response.url, timezone: context.site.timezone, now: context.now });
};

/** Servers label pages loosely, so a page that starts like HTML counts whatever its label. */
function isHtml(contentType: string | null, body: string): boolean {
  if (contentType !== null && /\b(?:text\/html|application\/xhtml\+xml)\b/i.test(contentType)) return true;
  return /<(?:!doctype\s+html|html)[\s>]/i.test(body.slice(0, 2048));
}

/** The events of a page's JSON-LD (each occurrence of a scheduled one), each once, at most MAX_EVENTS_PER_SOURCE. */
export function parseJsonLdEvents(html: string, options: SchemaOrgOptions): JsonLdEvents {
  return eventsFromJsonLd(extractJsonLd(html), options);
}

function eventsFromJsonLd(content: JsonLdContent, options: SchemaOrgOptions): JsonLdEvents {
  const warnings: string[] = [];
  if (content.invalidBlocks > 0) {
    warnings.push(`skipped ${content.invalidBlocks} JSON-LD block(s) that are not valid JSON`);
  }
  const onSkip = (reason: string): void => {
    warnings.push(`skipped an event: ${reason}`);
  };
  const onWarning = (warning: string): void => {
    warnings.push(warning);
  };
  lendCourseDetails(content.nodes);
  const { events: nodes, unreadTypes } = findEvents(content.nodes);
  if (unreadTypes.length > 0) warnings.push(unreadWarning(unreadTypes));
  const byId = new Map<string, SourceEvent>();
  const recurrence = { spentMs: 0, exhausted: false };
  for (const [index, node] of nodes.entries()) {
    if (byId.size >= MAX_EVENTS_PER_SOURCE) {
      warnings.push(`the page lists ${nodes.length} events, more than the ${MAX_EVENTS_PER_SOURCE} a source may hold; read the first ${index}`);
      break;
    }
    for (const event of eventsFromSchemaOrg(node, { ...options, onSkip, onWarning, recurrence })) {
      const first = byId.get(event.sourceEventId);
      if (first === undefined) byId.set(event.sourceEventId, event);
      else if (first.start !== event.start) {
        warnings.push(`two events share the id ${event.sourceEventId} but start at different times; kept the first`);
      }
    }
  }
  return { events: [...byId.values()].slice(0, MAX_EVENTS_PER_SOURCE), warnings: capWarnings(warnings) };
}

/** Nodes typed like events that schema.org does not know ("TechEvent"): said, so that a maintainer can look. */
function unreadWarning(types: string[]): string {
  const named = [...new Set(types)];
  return `the page has ${types.length} node(s) typed ${named.slice(0, 5).join(', ')}${named.length > 5 ? ', …' : ''}, which is no kind of schema.org Event; did not read them`;
}
