package org.socketchat.storage;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * One real sqld for a whole test class, with the key it trusts and a current token.
 * Public for the tests of other packages that run their SQL on sqld too.
 */
public final class SqldPerClass implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	final Ed25519Tokens tokens = new Ed25519Tokens();

	final String token = this.tokens.readWriteToken(Instant.now().plus(Duration.ofHours(1)));

	private SqldServer server;

	/** Handed out for one test, closed after it. */
	private final List<SingleConnectionDataSource> perTest = new ArrayList<>();

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = SqldServer.start(this.tokens);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.perTest.forEach(SingleConnectionDataSource::destroy);
		this.perTest.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.server != null) {
			this.server.close();
		}
	}

	SqldServer server() {
		return this.server;
	}

	/** What the application's {@code chat.storage.turso.database-url} is set to. */
	public String url() {
		return this.server.url();
	}

	/**
	 * A connection to a database without tables, at {@code user_version} 0: one sqld
	 * serves a whole class, so each test starts again from nothing. Closed after the test.
	 */
	public SingleConnectionDataSource emptyDataSource() {
		SingleConnectionDataSource dataSource = dataSource();
		this.perTest.add(dataSource);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.queryForList("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence'",
				String.class)
			.forEach((table) -> jdbc.execute("DROP TABLE " + table));
		jdbc.execute("PRAGMA user_version = 0");
		return dataSource;
	}

	/** As {@link #emptyDataSource()}, with the application's schema made by its migrations. */
	public SingleConnectionDataSource migratedDataSource() {
		SingleConnectionDataSource dataSource = emptyDataSource();
		SchemaMigrations.migrate(dataSource);
		return dataSource;
	}

	/** Runs one statement straight on sqld, bypassing the application: its rows. */
	public List<JsonNode> query(String sql) {
		return this.server.query(sql, this.token);
	}

	/** What its {@code chat.storage.turso.auth-token} is set to. */
	public String token() {
		return this.token;
	}

	/**
	 * A connection to this sqld through the libsql driver, as the application opens
	 * its own: close it to stop its HTTP client.
	 */
	public SingleConnectionDataSource dataSource() {
		Properties properties = new Properties();
		properties.setProperty("password", this.token);
		try {
			return new SingleConnectionDataSource(
					DriverManager.getConnection(LibSqlUrl.toJdbcUrl(this.server.url()), properties), true);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
