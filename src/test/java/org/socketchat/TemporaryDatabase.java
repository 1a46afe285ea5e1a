package org.socketchat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.socketchat.storage.SchemaMigrations;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Fresh SQLite files, so tests never share rows. */
public final class TemporaryDatabase {

	private TemporaryDatabase() {
	}

	/** A path in a new directory, for the application to create the file at. */
	public static Path newFile() {
		try {
			return Files.createTempDirectory("socket-chat-test").resolve("chat.db");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** For tests that need to know the application's file, which {@link ChatAppTest} hides. */
	public static void register(DynamicPropertyRegistry registry) {
		Path file = newFile();
		registry.add("chat.storage.file", file::toString);
	}

	/** A real SQLite file in the directory, made by the application's own migrations. */
	public static JdbcTemplate withSchema(Path directory) {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
				"jdbc:sqlite:" + directory.resolve("chat.db"), true);
		SchemaMigrations.migrate(dataSource);
		return new JdbcTemplate(dataSource);
	}

}
