package org.socketchat.storage;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The migrations on the embedded SQLite file. */
class SqliteSchemaMigrationsTests extends SchemaMigrationsTests {

	@TempDir
	Path directory;

	@Override
	DataSource emptyDatabase() {
		return new SingleConnectionDataSource("jdbc:sqlite:" + this.directory.resolve("chat.db"), true);
	}

}
