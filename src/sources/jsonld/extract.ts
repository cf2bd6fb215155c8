import { z } from 'zod';
import { scriptTexts } from '../html-scripts.ts';
import { SCHEMA_ORG_EVENT_TYPES } from './event-types.ts';
import { TypeNames, withoutSchemaPrefix } from './schema-org.ts';

// Finding schema.org Events in a page: its JSON-LD blocks, and the Event nodes wherever they are
// nested in them.

export type JsonObject = Record<string, unknown>;

export interface JsonLdContent {
  /** Top-level JSON-LD nodes, with top-level arrays and `@graph` arrays flattened. */
  nodes: unknown[];
  /** How many `<script type="application/ld+json">` blocks the page has. */
  blocks: number;
  /** How many of those blocks were not valid JSON (and were skipped). */
  invalidBlocks: number;
}

/** schema.org's Event and every kind of it (event-types.ts, generated from schema.org's vocabulary), lower-cased. */
const EVENT_TYPES = new Set(SCHEMA_ORG_EVENT_TYPES.map((type) => type.toLowerCase()));

/** A @graph wrapper holds only @context besides the graph; its nodes are what it describes. */
const GraphWrapper = z.object({ '@graph': z.array(z.unknown()) });

const TypedNode = z.object({ '@type': TypeNames });

export function extractJsonLd(html: string): JsonLdContent {
  const content: JsonLdContent = { nodes: [], blocks: 0, invalidBlocks: 0 };
  for (const text of scriptTexts(html, (attributes) => isJsonLdType(attributes.type))) {
    content.blocks += 1;
    try {
      for (const node of topLevelNodes(JSON.parse(text))) content.nodes.push(node);
    } catch {
      // One broken block (hand-written JSON is often invalid) must not hide the others.
      content.invalidBlocks += 1;
    }
  }
  return content;
}

/** `application/ld+json`, in any case, with or without parameters such as `; charset=utf-8`. */
function isJsonLdType(type: string | undefined): boolean {
  return type?.split(';')[0]?.trim().toLowerCase() === 'application/ld+json';
}

function topLevelNodes(parsed: unknown): unknown[] {
  const nodes: unknown[] = [];
  for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
    const wrapper = GraphWrapper.safeParse(item);
    if (wrapper.success) for (const node of wrapper.data['@graph']) nodes.push(node);
    else nodes.push(item);
  }
  return nodes;
}

export interface FoundEvents {
  /** Every schema.org Event (or kind of Event) in the nodes, in document order. */
  events: JsonObject[];
  /** Types of nodes that look like events but that schema.org does not know as such ("TechEvent"). */
  unreadTypes: string[];
}

/**
 * Every schema.org Event (or subtype) in the nodes, in document order, wherever it is nested
 * (ItemList, ListItem, ProfilePage.mainEntity, @graph, arrays, …).
 */
export function findEventNodes(nodes: unknown[]): JsonObject[] {
  return findEvents(nodes).events;
}

/** The events in the nodes, and what looked like one but was not read. */
export function findEvents(nodes: unknown[]): FoundEvents {
  const found: FoundEvents = { events: [], unreadTypes: [] };
  const seen = new Set<object>();
  // An explicit stack rather than recursion, so that deep nesting cannot overflow the call stack.
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (!Array.isArray(value)) {
      const types = TypedNode.parse(value)['@type'];
      if (types.some((type) => EVENT_TYPES.has(type))) {
        // What an event mentions (its series, its sessions) is not a separate listing on this page.
        found.events.push(value as JsonObject);
        continue;
      }
      found.unreadTypes.push(...writtenTypes(value).filter((type) => looksLikeAnEvent(type.toLowerCase())));
    }
    const children = Array.isArray(value) ? value : Object.values(value);
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
  }
  return found;
}

/** A type named like an event ("TechEvent", "OnlineEvent"), lower-cased as TypeNames gives it. */
function looksLikeAnEvent(type: string): boolean {
  return /event$/.test(type) && !EVENT_TYPES.has(type);
}

/** The node's types as written, without a schema.org prefix, for a warning. */
function writtenTypes(node: object): string[] {
  const types = [(node as JsonObject)['@type']].flat().filter((type): type is string => typeof type === 'string');
  return types.map(withoutSchemaPrefix);
}
