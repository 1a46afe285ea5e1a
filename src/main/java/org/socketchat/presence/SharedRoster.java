package org.socketchat.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.socketchat.presence.PresenceNotice.Type;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The sessions of every instance sharing the database, kept in it. Each instance says it
 * is alive on every {@link #refresh()}; one that has not for {@link #EXPIRY_SECONDS} is
 * taken for dead, and the first live instance to notice removes its sessions, in one
 * statement, so each departure is announced once. Times are the database's, so the
 * instances' clocks need not agree.
 */
final class SharedRoster implements Roster {

	/** Three missed refreshes: one slow query does not make an instance dead. */
	static final int EXPIRY_SECONDS = 15;

	private static final String NOW = "CAST(strftime('%s', 'now') AS INTEGER)";

	private final JdbcTemplate jdbc;

	private final String instanceId = UUID.randomUUID().toString();

	/** This instance's sessions, as the database should have them. */
	private final Members own = new Members();

	/** Whether the database may not have them so. */
	private boolean unsure;

	SharedRoster(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean isShared() {
		return true;
	}

	@Override
	public boolean join(String sessionId, String room, String username) {
		if (!this.own.add(sessionId, room, username)) {
			return false;
		}
		writeOwn(() -> record(sessionId, room, username));
		return true;
	}

	@Override
	public String leave(String sessionId, String room) {
		String username = this.own.remove(sessionId, room);
		if (username != null) {
			writeOwn(() -> write("DELETE FROM presence WHERE session_id = ? AND room = ?", sessionId, room));
		}
		return username;
	}

	@Override
	public List<Change> leaveAll(String sessionId) {
		List<Change> left = this.own.removeAll(sessionId);
		if (!left.isEmpty()) {
			writeOwn(() -> write("DELETE FROM presence WHERE session_id = ?", sessionId));
		}
		return left;
	}

	@Override
	public int count(String room) {
		return this.jdbc.queryForObject("SELECT count(*) FROM presence WHERE room = ?", Integer.class, room);
	}

	@Override
	public List<String> usernames(String room) {
		return this.jdbc.queryForList("SELECT username FROM presence WHERE room = ?", String.class, room)
			.stream()
			.sorted()
			.toList();
	}

	@Override
	public Map<String, Integer> countsByRoom() {
		Map<String, Integer> counts = new HashMap<>();
		this.jdbc.query("SELECT room, count(*) FROM presence WHERE room <> ? GROUP BY room",
				(RowCallbackHandler) (row) -> counts.put(row.getString(1), row.getInt(2)), SERVER);
		return counts;
	}

	@Override
	public List<Change> refresh() {
		boolean seenAlive = !this.jdbc
			.queryForList("UPDATE instances SET seen_at = " + NOW + " WHERE id = ? AND seen_at >= " + NOW + " - ?"
					+ " RETURNING 0", Integer.class, this.instanceId, EXPIRY_SECONDS)
			.isEmpty();
		if (!seenAlive) {
			// New, or taken for dead by the others, who may have removed its sessions.
			write("INSERT INTO instances (id, seen_at) VALUES (?, " + NOW + ")"
					+ " ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at", this.instanceId);
			this.unsure = true;
		}
		List<Change> changes = new ArrayList<>();
		this.jdbc.query(
				"DELETE FROM presence WHERE instance_id NOT IN (SELECT id FROM instances WHERE seen_at >= " + NOW
						+ " - ?) RETURNING room, username",
				(RowCallbackHandler) (row) -> changes.add(new Change(Type.LEFT, row.getString(1), row.getString(2))),
				EXPIRY_SECONDS);
		write("DELETE FROM instances WHERE seen_at < " + NOW + " - ?", EXPIRY_SECONDS);
		if (this.unsure) {
			reconcile(changes);
			this.unsure = false;
		}
		return changes;
	}

	/**
	 * Makes the database hold this instance's sessions, no more and no fewer, after a write
	 * may have been lost: a join or leave failed, or the others took this instance for dead
	 * while its database was out of reach (and announced its sessions gone).
	 */
	private void reconcile(List<Change> changes) {
		Members present = new Members();
		this.jdbc.query("SELECT session_id, room, username FROM presence WHERE instance_id = ?",
				(RowCallbackHandler) (row) -> present.add(row.getString(1), row.getString(2), row.getString(3)),
				this.instanceId);
		this.own.forEach((sessionId, room, username) -> {
			if (present.remove(sessionId, room) == null) {
				record(sessionId, room, username);
				changes.add(new Change(Type.JOINED, room, username));
			}
		});
		present.forEach((sessionId, room, username) -> {
			write("DELETE FROM presence WHERE session_id = ? AND room = ?", sessionId, room);
			changes.add(new Change(Type.LEFT, room, username));
		});
	}

	/** A write of this instance's own sessions; if it fails, the next refresh puts it right. */
	private void writeOwn(Runnable write) {
		try {
			write.run();
		}
		catch (RuntimeException ex) {
			this.unsure = true;
			throw ex;
		}
	}

	/**
	 * The libsql driver runs no {@code executeUpdate()}: every write is a query returning
	 * a row per row it changed.
	 */
	private void write(String sql, Object... arguments) {
		this.jdbc.queryForList(sql + " RETURNING 0", Integer.class, arguments);
	}

	private void record(String sessionId, String room, String username) {
		write("INSERT INTO presence (session_id, room, instance_id, username) VALUES (?, ?, ?, ?)"
				+ " ON CONFLICT (session_id, room) DO NOTHING", sessionId, room, this.instanceId, username);
	}

	/** The others announce this instance's sessions as gone at their next refresh. */
	@Override
	public void close() {
		write("UPDATE instances SET seen_at = 0 WHERE id = ?", this.instanceId);
	}

}
