-- Who is online when several instances share this database (a STOMP broker relay): each
-- instance's sessions, and when each instance last said it was alive (the database's
-- clock, in seconds, so instances' clocks need not agree). Unused by a single instance.
CREATE TABLE instances (
    id      TEXT    PRIMARY KEY,
    seen_at INTEGER NOT NULL
);
CREATE TABLE presence (
    session_id  TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    username    TEXT NOT NULL
);
CREATE INDEX presence_instance_id ON presence (instance_id);
