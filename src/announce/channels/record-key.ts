import { createHash } from 'node:crypto';

// Bluesky keeps each post under a record key; for a post it is a TID (timestamp identifier:
// 13 characters of base32-sortable, a 53-bit count of microseconds and a 10-bit clock id).
// Made from what is announced and nothing else, the same announcement always gets the same key,
// so a repeat (a run killed after posting and before recording) is refused by the server
// instead of posted twice.

const ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';
/** 2025-01-01 in microseconds: keys fall in a plausible span of times, not in 1970. */
const BASE_US = 1_735_689_600_000_000n;
/** Five years of microseconds, within which the hash places the key. */
const SPAN_US = 5n * 365n * 24n * 3600n * 1_000_000n;

export function recordKey(announcementKey: string): string {
  const hash = createHash('sha256').update(`spokane-tech:${announcementKey}`).digest();
  const micros = BASE_US + (hash.readBigUInt64BE(0) % SPAN_US);
  const clockId = BigInt(hash.readUInt16BE(8) & 0x3ff);
  let value = (micros << 10n) | clockId;
  let key = '';
  for (let i = 0; i < 13; i++) {
    key = ALPHABET[Number(value & 31n)]! + key;
    value >>= 5n;
  }
  return key;
}
