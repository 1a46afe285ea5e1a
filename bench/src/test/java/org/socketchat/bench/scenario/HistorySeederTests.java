package org.socketchat.bench.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class HistorySeederTests {

	/** The app's migrations: the bench module sits in bench/ of the repository. */
	private static final Path MIGRATIONS = Path.of("../src/main/resources/db/migration");

	@Test
	void theMigrationsAreReadInOrderAndATriggerStaysOneStatement() throws Exception {
		List<Path> migrations = HistorySeeder.migrations(MIGRATIONS);
		assertThat(migrations).extracting((file) -> file.getFileName().toString().substring(0, 3))
			.startsWith("V1_", "V2_", "V3_", "V4_");
		List<String> rooms = HistorySeeder.statements(Files.readString(migrations.get(3)));
		assertThat(rooms).filteredOn((sql) -> sql.startsWith("CREATE TRIGGER"))
			.singleElement()
			.satisfies((sql) -> assertThat(sql).endsWith("END"));
		assertThat(rooms).noneMatch((sql) -> sql.contains("--"));
	}

	@Test
	void seedsRowsWithGrowingIdsAndUniqueClientIdsOverTheRooms(@TempDir Path dir) throws Exception {
		Path db = dir.resolve("chat.db");
		HistorySeeder.seed(db, MIGRATIONS, 25_001, 10);
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
				Statement statement = connection.createStatement()) {
			try (ResultSet row = statement.executeQuery("SELECT count(*), min(id), max(id), count(DISTINCT client_id),"
					+ " max(length(content)), count(DISTINCT room) FROM messages")) {
				assertThat(row.getLong(1)).isEqualTo(25_001);
				assertThat(row.getLong(2)).isEqualTo(1);
				assertThat(row.getLong(3)).isEqualTo(25_001);
				assertThat(row.getLong(4)).isEqualTo(25_001);
				assertThat(row.getLong(5)).isBetween(60L, 120L);
				assertThat(row.getLong(6)).isEqualTo(10);
			}
			try (ResultSet rooms = statement.executeQuery("SELECT sum(message_count), count(*) FROM rooms")) {
				assertThat(rooms.getLong(1)).as("kept by the app's own trigger").isEqualTo(25_001);
				assertThat(rooms.getLong(2)).isEqualTo(10);
			}
			try (ResultSet version = statement.executeQuery("PRAGMA user_version")) {
				assertThat(version.getInt(1)).isEqualTo(HistorySeeder.migrations(MIGRATIONS).size());
			}
		}
	}

}
