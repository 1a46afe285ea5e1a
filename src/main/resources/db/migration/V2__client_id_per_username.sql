-- A clientId is unique per username, no longer across all senders. SQLite cannot drop a
-- column's UNIQUE constraint, so the table is rebuilt: same columns, same rows, same ids.
CREATE TABLE messages_v2 (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    username   TEXT    NOT NULL,
    content    TEXT    NOT NULL,
    client_id  TEXT,
    created_at INTEGER NOT NULL
);
-- The id counter first, so ids of rows deleted before now are not handed out again;
-- copying the rows then raises it to the highest copied id if that is higher.
INSERT INTO sqlite_sequence (name, seq) SELECT 'messages_v2', seq FROM sqlite_sequence WHERE name = 'messages';
INSERT INTO messages_v2 (id, username, content, client_id, created_at)
    SELECT id, username, content, client_id, created_at FROM messages ORDER BY id;
DROP TABLE messages;
-- Renaming carries the table's sqlite_sequence row along.
ALTER TABLE messages_v2 RENAME TO messages;
-- NULL client_ids never conflict: a send without a clientId is always new.
CREATE UNIQUE INDEX messages_username_client_id ON messages (username, client_id);
