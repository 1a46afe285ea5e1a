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
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes many messages straight into a SQLite file made by the app's own migrations, in
 * one transaction of prepared batches, before the app opens it: a million rows in seconds
 * instead of a million STOMP round trips. Rows look like chat: varied users, ~80
 * characters, a clientId each (so the unique index is as big as in real use), dealt in
 * turn over the rooms.
 */
final class HistorySeeder {

	private static final int BATCH = 10_000;

	private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.+\\.sql");

	/** Where the app's migration runner ends a statement: a trigger's body has semicolons inside a line. */
	private static final Pattern STATEMENT_END = Pattern.compile(";\\s*$", Pattern.MULTILINE);

	private HistorySeeder() {
	}

	/** The name of the room the {@code i}th message (from 1) goes to. */
	static String room(long i, int rooms) {
		return (rooms == 1) ? "general" : "room-" + (i % rooms);
	}

	/** @return seconds it took */
	static double seed(Path file, Path migrations, int rows, int rooms) {
		long start = System.nanoTime();
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.deleteIfExists(file);
			try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("PRAGMA journal_mode=WAL"); // what the app uses
					statement.execute("PRAGMA synchronous=OFF"); // seeding is not measured
					int version = 0;
					for (Path migration : migrations(migrations)) {
						for (String sql : statements(Files.readString(migration))) {
							statement.execute(sql);
						}
						version++;
					}
					// The app finds its schema current and migrates nothing.
					statement.execute("PRAGMA user_version = " + version);
				}
				connection.setAutoCommit(false);
				long createdAt = System.currentTimeMillis() - rows * 10L;
				try (PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO messages (room, username, content, client_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
					for (int i = 1; i <= rows; i++) {
						insert.setString(1, room(i, rooms));
						insert.setString(2, "user-" + (i % 997));
						insert.setString(3, "seeded message " + i + ": the quick brown fox jumps over the lazy dog "
								+ Integer.toString(i * 31, 36));
						insert.setString(4, "seed-" + i);
						insert.setLong(5, createdAt + i * 10L);
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

	/** The migrations in version order, numbered 1, 2, 3... as the app requires. */
	static List<Path> migrations(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> MIGRATION.matcher(file.getFileName().toString()).matches())
				.sorted(Comparator.comparingInt(HistorySeeder::version))
				.toList();
		}
	}

	private static int version(Path migration) {
		Matcher name = MIGRATION.matcher(migration.getFileName().toString());
		name.matches();
		return Integer.parseInt(name.group(1));
	}

	/** A migration's statements without its comment lines, split where the app splits them. */
	static List<String> statements(String migration) {
		String code = migration.lines()
			.filter((line) -> !line.strip().startsWith("--"))
			.collect(Collectors.joining("\n"));
		return Arrays.stream(STATEMENT_END.split(code)).map(String::strip).filter((sql) -> !sql.isEmpty()).toList();
	}

}
