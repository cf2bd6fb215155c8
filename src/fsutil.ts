import { closeSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Names Windows gives no file or folder, whatever the extension (con, prn, aux, nul, com1-9,
 * lpt1-9): a folder the site names after a group, a tag or an event must not be one of them.
 */
export function isWindowsReservedName(name: string): boolean {
  return /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/.test(name);
}

/** Write a file so that readers see the old content or the new, never half of it. */
export function writeFileAtomic(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

/**
 * `JSON.stringify([...items], null, 2)` and a line end, written atomically a piece at a time: the
 * same bytes, without the whole text (tens of megabytes for a large site's events) in memory.
 */
export function writeJsonArrayAtomic(path: string, items: Iterable<unknown>): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    let text = '';
    let count = 0;
    for (const item of items) {
      // As in an array, what JSON cannot hold (undefined, a function) is null.
      const json = JSON.stringify(item, null, 2) ?? 'null';
      text += `${count++ === 0 ? '[\n' : ',\n'}  ${json.replace(/\n/g, '\n  ')}`;
      if (text.length >= 1 << 20) {
        writeSync(fd, text);
        text = '';
      }
    }
    writeSync(fd, count === 0 ? '[]\n' : `${text}\n]\n`);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}
