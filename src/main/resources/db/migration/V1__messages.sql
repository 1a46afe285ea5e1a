-- The schema before migrations existed. Databases made then have this table and
-- user_version 0, so this step must leave an existing table as it is.
-- AUTOINCREMENT: ids only grow and are never reused, which the backlog (since=ID) relies on.
-- created_at: milliseconds since the Unix epoch (UTC).
CREATE TABLE IF NOT EXISTS messages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    username   TEXT    NOT NULL,
    content    TEXT    NOT NULL,
    client_id  TEXT    UNIQUE,
    created_at INTEGER NOT NULL
);
