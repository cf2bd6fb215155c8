import type { Db } from './db.ts';
import type { PendingValidators, ValidatorStore } from '../http/client.ts';

/** The stored validators of one source, as the HTTP client reads them. */
export function validatorStore(db: Db, sourceId: number): ValidatorStore {
  const select = db.prepare<[number, string], { etag: string | null; last_modified: string | null; content_hash: string }>(
    'SELECT etag, last_modified, content_hash FROM http_validators WHERE source_id = ? AND url = ?',
  );
  return {
    get(url) {
      const row = select.get(sourceId, url);
      return row && { etag: row.etag, lastModified: row.last_modified, contentHash: row.content_hash };
    },
  };
}

/** Saved in the transaction that stores the source's events, never before. */
export function saveValidators(db: Db, sourceId: number, validators: PendingValidators[]): void {
  const upsert = db.prepare(
    `INSERT INTO http_validators (source_id, url, etag, last_modified, content_hash) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (source_id, url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
       content_hash = excluded.content_hash`,
  );
  for (const v of validators) upsert.run(sourceId, v.url, v.etag, v.lastModified, v.contentHash);
}
