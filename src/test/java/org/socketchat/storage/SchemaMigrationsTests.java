package org.socketchat.storage;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The migrations on a database made by the version before them, once per kind of
 * database: each subclass provides one.
 */
abstract class SchemaMigrationsTests {

	/** The newest migration's version: V3, the shared presence tables. */
	static final int LATEST = 3;

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
