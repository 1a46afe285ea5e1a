package org.socketchat.presence;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.socketchat.TemporaryDatabase;

import org.springframework.jdbc.core.JdbcTemplate;

/** The shared roster on the embedded SQLite file. */
class SqliteSharedRosterTests extends SharedRosterTests {

	@TempDir
	Path directory;

	@Override
	JdbcTemplate emptyDatabase() {
		return TemporaryDatabase.withSchema(this.directory);
	}

}
