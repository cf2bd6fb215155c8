// Versioned migrations, applied in order; PRAGMA user_version records how many have run.
// Never edit a migration that has shipped: add the next one.
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE groups (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    -- what the group's platform says about it (GroupDetails as JSON); sources.yaml overrides it
    details_json TEXT,
    details_updated_at TEXT
  );

  CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    group_id TEXT NOT NULL REFERENCES groups(id),
    type TEXT NOT NULL,
    url TEXT NOT NULL,
    UNIQUE (group_id, type, url)
  );

  CREATE TABLE events (
    source_id INTEGER NOT NULL REFERENCES sources(id),
    source_event_id TEXT NOT NULL,
    id TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL UNIQUE,
    -- the SourceEvent as the adapter returned it
    data_json TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    start TEXT NOT NULL,
    end TEXT NOT NULL,
    sequence INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT NOT NULL,
    last_changed TEXT NOT NULL,
    -- successful fetches in a row that no longer listed this upcoming event
    missing_count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source_id, source_event_id)
  );
  CREATE INDEX events_start ON events (start);

  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT
  );

  CREATE TABLE source_fetches (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    source_id INTEGER NOT NULL REFERENCES sources(id),
    outcome TEXT NOT NULL,
    error_kind TEXT,
    http_status INTEGER,
    message TEXT,
    events_found INTEGER NOT NULL DEFAULT 0,
    events_new INTEGER NOT NULL DEFAULT 0,
    events_changed INTEGER NOT NULL DEFAULT 0,
    events_missing INTEGER NOT NULL DEFAULT 0,
    upcoming_count INTEGER,
    duration_ms INTEGER NOT NULL,
    finished_at TEXT NOT NULL,
    PRIMARY KEY (run_id, source_id)
  );
  `,
  `
  -- What changed upstream, and when: the site shows "Time changed" / "Moved" from it.
  CREATE TABLE event_changes (
    event_id TEXT NOT NULL REFERENCES events(id),
    changed_at TEXT NOT NULL,
    -- JSON array of what changed: "title", "time", "place", "status"
    fields TEXT NOT NULL,
    -- JSON of the previous values of what changed
    previous TEXT NOT NULL
  );
  CREATE INDEX event_changes_event ON event_changes (event_id, changed_at);

  -- Set when a successful fetch found far fewer upcoming events than the one before.
  ALTER TABLE source_fetches ADD COLUMN alert TEXT;
  `,
  `
  -- Validators of each source's main document, saved with its events: the next fetch asks
  -- If-None-Match / If-Modified-Since, or compares the content hash, and skips an unchanged source.
  CREATE TABLE http_validators (
    source_id INTEGER NOT NULL REFERENCES sources(id),
    url TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT NOT NULL,
    PRIMARY KEY (source_id, url)
  );

  ALTER TABLE source_fetches ADD COLUMN requests INTEGER;
  ALTER TABLE source_fetches ADD COLUMN bytes INTEGER;
  `,
  `
  -- One word for a source that needs attention: a fall in upcoming events is a count drop.
  ALTER TABLE source_fetches RENAME COLUMN alert TO count_drop;
  `,
  `
  -- What was posted where (spokane-tech announce), so nothing is announced twice: keyed by what
  -- was announced (new:<event id>, changed:<event id>:<sequence>, cancelled:<event id>,
  -- digest:<yyyy>-W<ww>).
  CREATE TABLE announcements (
    channel TEXT NOT NULL,
    key TEXT NOT NULL,
    posted_at TEXT NOT NULL,
    -- the post's id on the platform, when it gave one
    remote_id TEXT,
    PRIMARY KEY (channel, key)
  );

  -- When each channel was first announced on: events first seen long before are never posted.
  CREATE TABLE announce_channels (
    channel TEXT PRIMARY KEY,
    first_run_at TEXT NOT NULL
  );
  `,
  `
  -- Each event's UID in the calendar feeds, kept so it never changes again: not where the site is
  -- published (a new domain would duplicate every event in subscribers' calendars). Events stored
  -- before it get, at their next build, the UID their feeds have carried (see identity.ts).
  ALTER TABLE events ADD COLUMN uid TEXT;
  `,
];
