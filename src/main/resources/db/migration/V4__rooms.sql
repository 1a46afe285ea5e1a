-- Rooms: every message is in one, and every message stored before rooms is in general.
ALTER TABLE messages ADD COLUMN room TEXT NOT NULL DEFAULT 'general';
-- A room's history is read in id order: this index is walked, never the whole table.
CREATE INDEX messages_room_id ON messages (room, id);
-- Each room's count and newest message, so listing rooms reads a row per room, not every
-- message. The trigger keeps it in the insert's own transaction (on libSQL too, where
-- each statement is its own transaction); a retried send inserts nothing and counts nothing.
CREATE TABLE rooms (
    name            TEXT    PRIMARY KEY,
    message_count   INTEGER NOT NULL,
    last_message_at INTEGER NOT NULL
);
-- Listing rooms walks this, newest first, whatever number of rooms there are.
CREATE INDEX rooms_by_activity ON rooms (last_message_at DESC, name);
INSERT INTO rooms (name, message_count, last_message_at)
    SELECT room, count(*), max(created_at) FROM messages GROUP BY room;
-- On one line: a statement ends at a semicolon that ends a line.
CREATE TRIGGER messages_count_per_room AFTER INSERT ON messages BEGIN INSERT INTO rooms (name, message_count, last_message_at) VALUES (NEW.room, 1, NEW.created_at) ON CONFLICT (name) DO UPDATE SET message_count = message_count + 1, last_message_at = max(last_message_at, excluded.last_message_at); END;
-- Presence per room: a session is in each room whose messages it subscribes to, and in ''
-- (the server as a whole) while connected. The rows are sessions of running instances,
-- so they are not carried over: instances upgrade together.
DROP TABLE presence;
CREATE TABLE presence (
    session_id  TEXT NOT NULL,
    room        TEXT NOT NULL,
    instance_id TEXT NOT NULL,
    username    TEXT NOT NULL,
    PRIMARY KEY (session_id, room)
);
CREATE INDEX presence_instance_id ON presence (instance_id);
CREATE INDEX presence_room ON presence (room);
