package org.socketchat.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * All SQL of socket-chat. Every method is a single statement, or two where a retried
 * clientId must be read back, because on a libSQL server each statement is its own HTTP
 * request and its own transaction. Inserts use {@code RETURNING} through
 * {@code executeQuery}: the libsql driver cannot run {@code executeUpdate()}. A clientId
 * is a key within its sender's name: the same clientId from another username is another
 * message.
 */
@Repository
class MessageRepository {

	private static final String COLUMNS = "id, room, username, content, client_id, created_at";

	private static final String INSERT = "INSERT INTO messages (room, username, content, client_id, created_at) VALUES ";

	private static final String ROW = "(?, ?, ?, ?, ?)";

	private static final String ON_CONFLICT = " ON CONFLICT (username, client_id) DO NOTHING RETURNING " + COLUMNS;

	private static final String FIND_BY_KEYS = "SELECT " + COLUMNS + " FROM messages WHERE (username, client_id) IN ";

	static final String FIND_SINCE = "SELECT " + COLUMNS
			+ " FROM messages WHERE room = ? AND id > ? ORDER BY id LIMIT ?";

	static final String FIND_BEFORE = "SELECT " + COLUMNS
			+ " FROM (SELECT * FROM messages WHERE room = ? AND id < ? ORDER BY id DESC LIMIT ?) ORDER BY id";

	static final String FIND_LATEST = "SELECT " + COLUMNS
			+ " FROM (SELECT * FROM messages WHERE room = ? ORDER BY id DESC LIMIT ?) ORDER BY id";

	static final String FIND_ROOMS = "SELECT name, message_count, last_message_at FROM rooms"
			+ " ORDER BY last_message_at DESC, name LIMIT ?";

	private static final RowMapper<ChatMessage> ROW_MAPPER = MessageRepository::toMessage;

	private final JdbcTemplate jdbc;

	MessageRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores the drafts with one multi-row insert: one transaction on SQLite, one request
	 * on libSQL. A draft whose username and clientId are stored already (earlier, or by a
	 * draft before it in the list) stores nothing and gets the stored row back.
	 * @return one result per draft, in the same order; new rows have ids in list order
	 */
	List<Saved> saveAll(List<Draft> drafts) {
		List<ChatMessage> inserted = new ArrayList<>(this.jdbc.query(insertSql(drafts.size()), ROW_MAPPER,
				insertArguments(drafts, Instant.now().toEpochMilli())));
		// SQLite numbers the rows in VALUES order, but RETURNING may list them in any order.
		inserted.sort(Comparator.comparingLong(ChatMessage::id));
		Map<Key, ChatMessage> insertedByKey = new HashMap<>();
		List<ChatMessage> insertedWithoutClientId = new ArrayList<>();
		for (ChatMessage message : inserted) {
			if (message.clientId() != null) {
				insertedByKey.put(Key.of(message), message);
			}
			else {
				insertedWithoutClientId.add(message);
			}
		}
		Iterator<ChatMessage> withoutClientId = insertedWithoutClientId.iterator();
		List<Saved> results = new ArrayList<>(drafts.size());
		List<Integer> retries = new ArrayList<>();
		for (Draft draft : drafts) {
			ChatMessage created = (draft.clientId() != null) ? insertedByKey.remove(Key.of(draft))
					: withoutClientId.next();
			if (created == null) {
				retries.add(results.size());
			}
			results.add((created != null) ? new Saved(created, true) : null);
		}
		if (!retries.isEmpty()) {
			Map<Key, ChatMessage> stored = findByKeys(retries.stream().map((i) -> Key.of(drafts.get(i))).toList());
			retries.forEach((i) -> results.set(i, new Saved(stored.get(Key.of(drafts.get(i))), false)));
		}
		return results;
	}

	/** At most {@code limit} of the room's messages just below id {@code before}, oldest first: scrolling back. */
	List<ChatMessage> findBefore(String room, long before, int limit) {
		return this.jdbc.query(FIND_BEFORE, ROW_MAPPER, room, before, limit);
	}

	/** At most {@code limit} of the room's messages with an id above {@code since}, oldest first. */
	List<ChatMessage> findSince(String room, long since, int limit) {
		return this.jdbc.query(FIND_SINCE, ROW_MAPPER, room, since, limit);
	}

	/** The room's newest {@code limit} messages, oldest first. */
	List<ChatMessage> findLatest(String room, int limit) {
		return this.jdbc.query(FIND_LATEST, ROW_MAPPER, room, limit);
	}

	/** The rooms with messages, the most recently active first. */
	List<RoomActivity> findRoomsByActivity(int limit) {
		return this.jdbc.query(FIND_ROOMS,
				(rs, row) -> new RoomActivity(rs.getString("name"), rs.getLong("message_count"),
						Instant.ofEpochMilli(rs.getLong("last_message_at"))),
				limit);
	}

	private Map<Key, ChatMessage> findByKeys(List<Key> keys) {
		String sql = FIND_BY_KEYS + "(VALUES " + String.join(", ", Collections.nCopies(keys.size(), "(?, ?)")) + ")";
		Object[] arguments = keys.stream().flatMap((key) -> Stream.of(key.username(), key.clientId())).toArray();
		Map<Key, ChatMessage> stored = new HashMap<>();
		this.jdbc.query(sql, ROW_MAPPER, arguments).forEach((m) -> stored.put(Key.of(m), m));
		return stored;
	}

	private static String insertSql(int rows) {
		return INSERT + String.join(", ", Collections.nCopies(rows, ROW)) + ON_CONFLICT;
	}

	private static Object[] insertArguments(List<Draft> drafts, long createdAt) {
		Object[] arguments = new Object[drafts.size() * 5];
		int i = 0;
		for (Draft draft : drafts) {
			arguments[i++] = draft.room();
			arguments[i++] = draft.username();
			arguments[i++] = draft.content();
			arguments[i++] = draft.clientId();
			arguments[i++] = createdAt;
		}
		return arguments;
	}

	private static ChatMessage toMessage(ResultSet rs, int row) throws SQLException {
		String clientId = rs.getString("client_id");
		// The libsql driver reads NULL as "" through getString; only wasNull() tells them apart.
		if (rs.wasNull()) {
			clientId = null;
		}
		return new ChatMessage(rs.getLong("id"), rs.getString("room"), rs.getString("username"),
				rs.getString("content"), clientId,
				Instant.ofEpochMilli(rs.getLong("created_at")));
	}

	/** A message to store. */
	record Draft(String room, String username, String content, String clientId) {
	}

	/**
	 * @param lastMessageAt when its newest message was stored
	 */
	record RoomActivity(String name, long messageCount, Instant lastMessageAt) {
	}

	/** What makes a send a retry: the same clientId from the same username. */
	private record Key(String username, String clientId) {

		static Key of(Draft draft) {
			return new Key(draft.username(), draft.clientId());
		}

		static Key of(ChatMessage message) {
			return new Key(message.username(), message.clientId());
		}

	}

	/**
	 * @param message the stored row
	 * @param created {@code false} when an earlier send with the same clientId stored it
	 */
	record Saved(ChatMessage message, boolean created) {
	}

}
