package org.socketchat.bench.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes many messages straight into a SQLite file with the app's own schema, in one
 * transaction of prepared batches, before the app opens it: a million rows in seconds
 * instead of a million STOMP round trips. Rows look like chat: varied users, ~80
 * characters, a clientId each (so the unique index is as big as in real use).
 */
final class HistorySeeder {

	private static final int BATCH = 10_000;

	private HistorySeeder() {
	}

	/** @return seconds it took */
	static double seed(Path file, Path schema, int rows) {
		long start = System.nanoTime();
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.deleteIfExists(file);
			try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("PRAGMA journal_mode=WAL"); // what the app uses
					statement.execute("PRAGMA synchronous=OFF"); // seeding is not measured
					for (String sql : statements(Files.readString(schema))) {
						statement.execute(sql);
					}
				}
				connection.setAutoCommit(false);
				long createdAt = System.currentTimeMillis() - rows * 10L;
				try (PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO messages (username, content, client_id, created_at) VALUES (?, ?, ?, ?)")) {
					for (int i = 1; i <= rows; i++) {
						insert.setString(1, "user-" + (i % 997));
						insert.setString(2, "seeded message " + i + ": the quick brown fox jumps over the lazy dog "
								+ Integer.toString(i * 31, 36));
						insert.setString(3, "seed-" + i);
						insert.setLong(4, createdAt + i * 10L);
						insert.addBatch();
						if (i % BATCH == 0) {
							insert.executeBatch();
						}
					}
					insert.executeBatch();
				}
				connection.commit();
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("PRAGMA wal_checkpoint(TRUNCATE)"); // the app starts on a plain file
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("seeding " + file + " failed", ex);
		}
		return (System.nanoTime() - start) / 1e9;
	}

	/** The schema's statements without its comment lines. */
	static List<String> statements(String schema) {
		String code = schema.lines().filter((line) -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"));
		return Arrays.stream(code.split(";")).map(String::strip).filter((sql) -> !sql.isEmpty()).toList();
	}

}
