import type { JsonObject } from './extract.ts';
import { TypeNames } from './schema-org.ts';

// A CourseInstance (a course's sessions at a time and place) usually has no name of its own: the
// Course it belongs to has it, and its description. schema.org links them from the course
// (Course.hasCourseInstance, nested or by @id) and pages also write the link the other way
// (`course` on the instance). The instances get the course's name and description where they
// have none, before they are read as events.

/** Nodes walked at most, so that a hostile page costs bounded time. */
const MAX_NODES = 200_000;

/** Fills each CourseInstance's missing name and description from its Course. Changes the (parsed, page-own) nodes. */
export function lendCourseDetails(nodes: unknown[]): void {
  const objects = allObjects(nodes);
  const byId = new Map<string, JsonObject>();
  // A bare `{"@id": …}` is a reference to a node, not the node.
  for (const object of objects) if (typeof object['@id'] === 'string' && object['@type'] !== undefined) byId.set(object['@id'], object);
  const resolve = (value: unknown): JsonObject | null => {
    const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
    const id = typeof value === 'string' ? value : typeof object?.['@id'] === 'string' ? object['@id'] : null;
    return (id !== null ? byId.get(id) : undefined) ?? object;
  };
  for (const object of objects) {
    const types = TypeNames.parse(object['@type']);
    if (types.includes('course')) {
      for (const instance of [object.hasCourseInstance].flat()) lend(resolve(instance), object);
    } else if (types.includes('courseinstance') && object.course !== undefined) {
      lend(object, resolve([object.course].flat()[0]));
    }
  }
}

function lend(instance: JsonObject | null, course: JsonObject | null): void {
  if (instance === null || course === null) return;
  if (isMissing(instance.name)) instance.name = course.name;
  if (isMissing(instance.description)) instance.description = course.description;
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Every JSON object in the nodes, however nested, each once. */
function allObjects(nodes: unknown[]): JsonObject[] {
  const objects: JsonObject[] = [];
  const seen = new Set<object>();
  const stack = [...nodes];
  while (stack.length > 0 && seen.size < MAX_NODES) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (!Array.isArray(value)) objects.push(value as JsonObject);
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push(child);
  }
  return objects;
}
