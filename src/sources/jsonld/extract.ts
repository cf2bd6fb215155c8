import { z } from 'zod';
import { scriptTexts } from '../html-scripts.ts';
import { TypeNames } from './schema-org.ts';

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

const EVENT_TYPES = new Set(
  [
    'Event', 'BusinessEvent', 'ChildrensEvent', 'ComedyEvent', 'CourseInstance', 'DanceEvent',
    'DeliveryEvent', 'EducationEvent', 'EventSeries', 'ExhibitionEvent', 'Festival', 'FoodEvent',
    'Hackathon', 'LiteraryEvent', 'MusicEvent', 'PublicationEvent', 'SaleEvent', 'ScreeningEvent',
    'SocialEvent', 'SportsEvent', 'TheaterEvent', 'VisualArtsEvent',
  ].map((type) => type.toLowerCase()),
);

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

/**
 * Every schema.org Event (or subtype) in the nodes, in document order, wherever it is nested
 * (ItemList, ListItem, ProfilePage.mainEntity, @graph, arrays, …).
 */
export function findEventNodes(nodes: unknown[]): JsonObject[] {
  const events: JsonObject[] = [];
  const seen = new Set<object>();
  // An explicit stack rather than recursion, so that deep nesting cannot overflow the call stack.
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (!Array.isArray(value) && isEventNode(value)) {
      // What an event mentions (its series, its sessions) is not a separate listing on this page.
      events.push(value as JsonObject);
      continue;
    }
    const children = Array.isArray(value) ? value : Object.values(value);
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
  }
  return events;
}

function isEventNode(node: object): boolean {
  return TypedNode.parse(node)['@type'].some((type) => EVENT_TYPES.has(type));
}
