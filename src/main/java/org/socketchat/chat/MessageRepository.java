package org.socketchat.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * All SQL of socket-chat. Every method is a single statement, because on a libSQL
 * server each statement is its own HTTP request and its own transaction. Inserts use
 * {@code RETURNING} through {@code executeQuery}: the libsql driver cannot run
 * {@code executeUpdate()}.
 */
@Repository
class MessageRepository {

	private static final String COLUMNS = "id, username, content, client_id, created_at";

	private static final String INSERT = """
			INSERT INTO messages (username, content, client_id, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (client_id) DO NOTHING
			RETURNING\s""" + COLUMNS;

	private static final String FIND_BY_CLIENT_ID = "SELECT " + COLUMNS + " FROM messages WHERE client_id = ?";

	private static final String FIND_SINCE = "SELECT " + COLUMNS + " FROM messages WHERE id > ? ORDER BY id LIMIT ?";

	private static final String FIND_LATEST = "SELECT " + COLUMNS
			+ " FROM (SELECT * FROM messages ORDER BY id DESC LIMIT ?) ORDER BY id";

	private static final RowMapper<ChatMessage> ROW_MAPPER = MessageRepository::toMessage;

	private final JdbcTemplate jdbc;

	MessageRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a message unless one with the same {@code clientId} is stored already.
	 * @return the stored message and whether this call created it
	 */
	Saved save(String username, String content, String clientId) {
		List<ChatMessage> inserted = this.jdbc.query(INSERT, ROW_MAPPER, username, content, clientId,
				Instant.now().toEpochMilli());
		if (!inserted.isEmpty()) {
			return new Saved(inserted.get(0), true);
		}
		// Only a clientId conflict skips the insert, so the earlier row is there to read.
		return new Saved(this.jdbc.queryForObject(FIND_BY_CLIENT_ID, ROW_MAPPER, clientId), false);
	}

	/** At most {@code limit} messages with an id above {@code since}, oldest first. */
	List<ChatMessage> findSince(long since, int limit) {
		return this.jdbc.query(FIND_SINCE, ROW_MAPPER, since, limit);
	}

	/** The newest {@code limit} messages, oldest first. */
	List<ChatMessage> findLatest(int limit) {
		return this.jdbc.query(FIND_LATEST, ROW_MAPPER, limit);
	}

	private static ChatMessage toMessage(ResultSet rs, int row) throws SQLException {
		return new ChatMessage(rs.getLong("id"), rs.getString("username"), rs.getString("content"),
				rs.getString("client_id"), Instant.ofEpochMilli(rs.getLong("created_at")));
	}

	/**
	 * @param message the stored row
	 * @param created {@code false} when an earlier send with the same clientId stored it
	 */
	record Saved(ChatMessage message, boolean created) {
	}

}
