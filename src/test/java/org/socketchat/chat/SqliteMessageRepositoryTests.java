package org.socketchat.chat;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.socketchat.TemporaryDatabase;

import org.springframework.jdbc.core.JdbcTemplate;

/** The repository on the embedded SQLite file. */
class SqliteMessageRepositoryTests extends MessageRepositoryTests {

	@TempDir
	Path directory;

	@Override
	JdbcTemplate emptyDatabase() {
		return TemporaryDatabase.withSchema(this.directory);
	}

}
