package org.socketchat.bench.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class HistorySeederTests {

	/** The app's first schema: the bench module sits in bench/ of the repository. */
	private static final Path SCHEMA = Path.of("../src/main/resources/db/migration/V1__messages.sql");

	@Test
	void theAppsSchemaIsOneStatementWithoutComments() throws Exception {
		assertThat(HistorySeeder.statements(Files.readString(SCHEMA))).singleElement()
			.satisfies((sql) -> assertThat(sql).startsWith("CREATE TABLE IF NOT EXISTS messages").doesNotContain("--"));
	}

	@Test
	void seedsRowsWithGrowingIdsAndUniqueClientIds(@TempDir Path dir) throws Exception {
		Path db = dir.resolve("chat.db");
		HistorySeeder.seed(db, SCHEMA, 25_001);
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery(
						"SELECT count(*), min(id), max(id), count(DISTINCT client_id), max(length(content)) FROM messages")) {
			assertThat(row.getLong(1)).isEqualTo(25_001);
			assertThat(row.getLong(2)).isEqualTo(1);
			assertThat(row.getLong(3)).isEqualTo(25_001);
			assertThat(row.getLong(4)).isEqualTo(25_001);
			assertThat(row.getLong(5)).isBetween(60L, 120L);
		}
	}

}
