package org.socketchat.storage;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The migrations on a database made by the version before them, once per kind of
 * database: each subclass provides one.
 */
abstract class SchemaMigrationsTests {

	/** The newest migration's version: V4, rooms. */
	static final int LATEST = 4;

	/**
	 * A database the application made on 2026-11-23, the day before rooms (commit
	 * 52f0e6c, schema version 3), with the four messages ana sent it over STOMP.
	 */
	static final String MADE_BEFORE_ROOMS = "db/made-by-v3.db";

	private static final String INSERT = "INSERT INTO messages (username, content, client_id, created_at) VALUES ";

	DataSource dataSource;

	JdbcTemplate jdbc;

	/** A database without tables, at user_version 0. */
	abstract DataSource emptyDatabase();

	@BeforeEach
	void setUp() {
		this.dataSource = emptyDatabase();
		this.jdbc = new JdbcTemplate(this.dataSource);
	}

	/**
	 * Makes the database the version before migrations made, with four messages (with a
	 * clientId, without, with a blank one) of which the newest is deleted.
	 */
	static void makeFirstVersion(DataSource dataSource) {
		new ResourceDatabasePopulator(new ClassPathResource("db/schema-v1.sql")).execute(dataSource);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute(INSERT + "('alice', 'hello', 'old-1', 1000), ('bob', 'no key', NULL, 2000), "
				+ "('carol', 'blank key', '', 3000), ('dave', 'deleted', 'old-4', 4000)");
		jdbc.execute("DELETE FROM messages WHERE id = 4");
	}

	@Test
	void aDatabaseOfTheFirstVersionUpgradesKeepingEveryRowAndId() {
		makeFirstVersion(this.dataSource);
		List<Map<String, Object>> before = rows();

		assertThat(SchemaMigrations.migrate(this.dataSource)).isEqualTo(LATEST);

		assertThat(userVersion()).isEqualTo(LATEST);
		assertThat(rows()).isEqualTo(before).hasSize(3);
		assertThat(insert("bob", "old-1")).as("another sender's equal clientId is a new message")
			.singleElement()
			.satisfies((id) -> assertThat(id).as("ids are never reused").isGreaterThan(4L));
		assertThat(insert("alice", "old-1")).as("the same sender's clientId is a retry").isEmpty();
		assertThat(insert("alice", null)).hasSize(1);
		assertThat(insert("alice", null)).hasSize(1);
	}

	/**
	 * Copies the database made before rooms into this one, statement by statement: a
	 * libSQL server cannot be given a file.
	 */
	static void copyMadeBeforeRooms(DataSource target) throws Exception {
		Path file = Files.createTempFile("made-by-v3", ".db");
		try (InputStream made = new ClassPathResource(MADE_BEFORE_ROOMS).getInputStream()) {
			Files.copy(made, file, StandardCopyOption.REPLACE_EXISTING);
			SingleConnectionDataSource source = new SingleConnectionDataSource("jdbc:sqlite:" + file, true);
			JdbcTemplate from = new JdbcTemplate(source);
			JdbcTemplate to = new JdbcTemplate(target);
			from.queryForList("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name <> 'sqlite_sequence'"
					+ " ORDER BY rowid", String.class).forEach(to::execute);
			from.query("SELECT id, username, content, client_id, created_at FROM messages ORDER BY id",
					(RowCallbackHandler) (row) -> to.queryForList(
							"INSERT INTO messages (id, username, content, client_id, created_at) VALUES (?, ?, ?, ?, ?)"
									+ " RETURNING id",
							Long.class, row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
							row.getLong(5)));
			to.execute("PRAGMA user_version = " + from.queryForObject("PRAGMA user_version", Integer.class));
			source.destroy();
		}
		finally {
			Files.delete(file);
		}
	}

	@Test
	void aDatabaseMadeTheDayBeforeRoomsUpgradesWithEveryMessageInGeneral() throws Exception {
		copyMadeBeforeRooms(this.dataSource);
		assertThat(userVersion()).isEqualTo(3);
		List<Map<String, Object>> before = rows();

		assertThat(SchemaMigrations.migrate(this.dataSource)).isEqualTo(LATEST);

		assertThat(rows()).isEqualTo(before).hasSize(4);
		assertThat(this.jdbc.queryForList("SELECT DISTINCT room FROM messages", String.class))
			.containsExactly("general");
		assertThat(rooms()).containsExactly("general 4");
		assertThat(this.jdbc.queryForObject("SELECT last_message_at FROM rooms", Long.class))
			.isEqualTo(((Number) before.get(3).get("created_at")).longValue());
		assertThat(insert("ana", "k1")).as("a retry of ana's first message, as before").isEmpty();
		assertThat(this.jdbc.queryForList("INSERT INTO messages (room, username, content, created_at)"
				+ " VALUES ('music', 'bo', 'x', 5) RETURNING id", Long.class)).singleElement()
			.satisfies((id) -> assertThat(id).as("ids go on growing").isGreaterThan(4L));
		assertThat(rooms()).containsExactly("general 4", "music 1");
	}

	private List<String> rooms() {
		return this.jdbc.queryForList("SELECT name || ' ' || message_count FROM rooms ORDER BY name", String.class);
	}

	@Test
	void eachStepRunsOnce() {
		assertThat(SchemaMigrations.migrate(this.dataSource)).isEqualTo(LATEST);
		assertThat(insert("alice", "k")).hasSize(1);
		List<Map<String, Object>> rows = rows();
		List<String> schema = schema();

		assertThat(SchemaMigrations.migrate(this.dataSource)).isEqualTo(LATEST);

		assertThat(rows()).isEqualTo(rows);
		assertThat(schema()).isEqualTo(schema);
	}

	@Test
	void aStepThatFailsHalfWayLeavesTheDatabaseAsItWas() {
		makeFirstVersion(this.dataSource);
		// Index names are one namespace: the upgrade's last statement will find this one in its way.
		this.jdbc.execute("CREATE TABLE blocker (x INTEGER)");
		this.jdbc.execute("CREATE INDEX messages_username_client_id ON blocker (x)");
		List<Map<String, Object>> rows = rows();

		// sqld's answer to a failed batch is not even valid JSON, so only SQLite says why.
		assertThatIllegalStateException().isThrownBy(() -> SchemaMigrations.migrate(this.dataSource))
			.withMessageContaining("version 2 (V2__client_id_per_username.sql)");

		assertThat(userVersion()).as("the first step ran, the second did not").isEqualTo(1);
		assertThat(rows()).isEqualTo(rows);
		assertThat(schema()).anyMatch((sql) -> sql.contains("client_id TEXT UNIQUE"))
			.noneMatch((sql) -> sql.contains("messages_v2"));
		this.jdbc.execute("DROP TABLE blocker");
		assertThat(SchemaMigrations.migrate(this.dataSource)).isEqualTo(LATEST);
		assertThat(rows()).isEqualTo(rows);
		assertThat(insert("alice", "new")).singleElement().satisfies((id) -> assertThat(id).isGreaterThan(4L));
	}

	private List<Long> insert(String username, String clientId) {
		return this.jdbc.queryForList(INSERT + "(?, 'x', ?, 0) ON CONFLICT (username, client_id) DO NOTHING RETURNING id",
				Long.class, username, clientId);
	}

	private List<Map<String, Object>> rows() {
		return this.jdbc.queryForList("SELECT id, username, content, client_id, created_at FROM messages ORDER BY id");
	}

	/** The statements that made each table and index, with white space folded. */
	private List<String> schema() {
		return this.jdbc.queryForList("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name", String.class)
			.stream()
			.map((sql) -> sql.replaceAll("\\s+", " "))
			.toList();
	}

	private int userVersion() {
		return this.jdbc.queryForObject("PRAGMA user_version", Integer.class);
	}

}
