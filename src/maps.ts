// Grouping values under keys, in the order they come. Appending in place: spreading the list
// into a new one for every value would be quadratic in a large bucket.

/** Add `value` to the list under `key`. */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Each item under every key it has (each key once per item), in the items' order. */
export function indexBy<K, V>(items: Iterable<V>, keysOf: (item: V) => Iterable<K>): Map<K, V[]> {
  const index = new Map<K, V[]>();
  for (const item of items) for (const key of new Set(keysOf(item))) appendTo(index, key, item);
  return index;
}
