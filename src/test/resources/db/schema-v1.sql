-- db/schema.sql as socket-chat ran it on every start before it had migrations: tests
-- make databases with it to check that they upgrade.
-- AUTOINCREMENT: ids only grow and are never reused, which the backlog (since=ID) relies on.
-- created_at: milliseconds since the Unix epoch (UTC).
CREATE TABLE IF NOT EXISTS messages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    username   TEXT    NOT NULL,
    content    TEXT    NOT NULL,
    client_id  TEXT    UNIQUE,
    created_at INTEGER NOT NULL
);
