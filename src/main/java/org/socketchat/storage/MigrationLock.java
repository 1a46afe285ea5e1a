package org.socketchat.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * One instance at a time migrates a database that several share: two running one step at
 * once on a libSQL server left it half made, failing every later start. So the first to
 * insert the lock's one row migrates; the others wait for it to delete the row. A row
 * older than {@link #STALE} is a crashed instance's, and is taken over. Each statement is
 * atomic on its own.
 */
final class MigrationLock implements AutoCloseable {

	static final Duration STALE = Duration.ofMinutes(2);

	private static final Duration WAIT = Duration.ofMinutes(3);

	private static final long POLL_MS = 100;

	private static final String NOW = "CAST(strftime('%s', 'now') AS INTEGER)";

	private final Connection connection;

	private final String owner = UUID.randomUUID().toString();

	private MigrationLock(Connection connection) {
		this.connection = connection;
	}

	static MigrationLock take(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS schema_lock (id INTEGER PRIMARY KEY CHECK (id = 1),"
					+ " owner TEXT NOT NULL, taken_at INTEGER NOT NULL)");
		}
		MigrationLock lock = new MigrationLock(connection);
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!lock.tryTake()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Another instance has been migrating the database schema for "
						+ WAIT.toMinutes() + " minutes; remove the row of schema_lock if it is gone");
			}
			try {
				Thread.sleep(POLL_MS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted waiting for another instance's migration", ex);
			}
		}
		return lock;
	}

	private boolean tryTake() throws SQLException {
		returning("DELETE FROM schema_lock WHERE taken_at < " + NOW + " - ? RETURNING owner", STALE.toSeconds());
		return returning("INSERT INTO schema_lock (id, owner, taken_at) VALUES (1, ?, " + NOW + ")"
				+ " ON CONFLICT (id) DO NOTHING RETURNING owner", this.owner);
	}

	@Override
	public void close() throws SQLException {
		returning("DELETE FROM schema_lock WHERE owner = ? RETURNING owner", this.owner);
	}

	/**
	 * Runs a write as a query, as the libsql driver runs no {@code executeUpdate()};
	 * whether it changed a row.
	 */
	private boolean returning(String sql, Object argument) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			statement.setObject(1, argument);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next();
			}
		}
	}

}
