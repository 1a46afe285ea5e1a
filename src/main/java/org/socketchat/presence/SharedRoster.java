package org.socketchat.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.socketchat.presence.PresenceNotice.Type;

import org.springframework.jdbc.core.JdbcTemplate;

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

	/** This instance's sessions, to be put back should the others take it for dead. */
	private final Map<String, String> own = new HashMap<>();

	SharedRoster(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean isShared() {
		return true;
	}

	@Override
	public boolean join(String sessionId, String username) {
		if (this.own.putIfAbsent(sessionId, username) != null) {
			return false;
		}
		record(sessionId, username);
		return true;
	}

	@Override
	public String leave(String sessionId) {
		String username = this.own.remove(sessionId);
		if (username != null) {
			write("DELETE FROM presence WHERE session_id = ?", sessionId);
		}
		return username;
	}

	@Override
	public int online() {
		// An argument, so the time-bound template bounds the query.
		return this.jdbc.queryForObject("SELECT count(*) FROM presence WHERE ? IS NOT NULL", Integer.class, 1);
	}

	@Override
	public List<String> usernames() {
		return this.jdbc.queryForList("SELECT username FROM presence WHERE ? IS NOT NULL", String.class, 1)
			.stream()
			.sorted()
			.toList();
	}

	@Override
	public List<Change> refresh() {
		write("INSERT INTO instances (id, seen_at) VALUES (?, " + NOW + ")"
				+ " ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at", this.instanceId);
		List<Change> changes = new ArrayList<>();
		this.jdbc
			.queryForList("DELETE FROM presence WHERE instance_id NOT IN"
					+ " (SELECT id FROM instances WHERE seen_at >= " + NOW + " - ?) RETURNING username", String.class,
					EXPIRY_SECONDS)
			.forEach((username) -> changes.add(new Change(Type.LEFT, username)));
		write("DELETE FROM instances WHERE seen_at < " + NOW + " - ?", EXPIRY_SECONDS);
		putBackWhatOthersRemoved(changes);
		return changes;
	}

	/** After the database was out of reach for a while, the others took this one for dead. */
	private void putBackWhatOthersRemoved(List<Change> changes) {
		Integer recorded = this.jdbc.queryForObject("SELECT count(*) FROM presence WHERE instance_id = ?",
				Integer.class, this.instanceId);
		if (recorded != null && recorded == this.own.size()) {
			return;
		}
		Set<String> present = new HashSet<>(this.jdbc
			.queryForList("SELECT session_id FROM presence WHERE instance_id = ?", String.class, this.instanceId));
		this.own.forEach((sessionId, username) -> {
			if (!present.contains(sessionId)) {
				record(sessionId, username);
				changes.add(new Change(Type.JOINED, username));
			}
		});
	}

	/**
	 * The libsql driver runs no {@code executeUpdate()}: every write is a query returning
	 * a row per row it changed.
	 */
	private void write(String sql, Object... arguments) {
		this.jdbc.queryForList(sql + " RETURNING 0", Integer.class, arguments);
	}

	private void record(String sessionId, String username) {
		write("INSERT INTO presence (session_id, instance_id, username) VALUES (?, ?, ?)"
				+ " ON CONFLICT (session_id) DO NOTHING", sessionId, this.instanceId, username);
	}

	/** The others announce this instance's sessions as gone at their next refresh. */
	@Override
	public void close() {
		write("UPDATE instances SET seen_at = 0 WHERE id = ?", this.instanceId);
	}

}
