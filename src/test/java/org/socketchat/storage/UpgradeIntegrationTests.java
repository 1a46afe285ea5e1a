package org.socketchat.storage;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.socketchat.ChatClient;
import org.socketchat.SocketChatApplication;
import org.socketchat.TestChatServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.CHAT;
import static org.socketchat.ChatClient.REPLAYS;

/** The application started on a database the version before migrations made, with messages in it. */
class UpgradeIntegrationTests {

	@RegisterExtension
	static final SqldPerClass sqld = new SqldPerClass();

	@Test
	void anEmbeddedFileUpgradesInPlaceOnStart(@TempDir Path directory) {
		Path file = directory.resolve("chat.db");
		SingleConnectionDataSource database = new SingleConnectionDataSource("jdbc:sqlite:" + file, true);
		SchemaMigrationsTests.makeFirstVersion(database);
		database.destroy();
		upgradesOnStart("--chat.storage.file=" + file);
	}

	@Test
	void aLibSqlDatabaseUpgradesInPlaceOnStart() {
		SingleConnectionDataSource database = sqld.dataSource();
		SchemaMigrationsTests.makeFirstVersion(database);
		database.destroy();
		upgradesOnStart("--chat.storage.turso.database-url=" + sqld.server().url(),
				"--chat.storage.turso.auth-token=" + sqld.token);
	}

	/** Keeps every message and id, and the new rules hold from the first send. */
	private static void upgradesOnStart(String... storage) {
		String[] arguments = new String[storage.length + 2];
		arguments[0] = "--server.port=0";
		arguments[1] = "--server.address=127.0.0.1";
		System.arraycopy(storage, 0, arguments, 2, storage.length);
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SocketChatApplication.class)
			.run(arguments)) {
			TestChatServer server = TestChatServer.of(app);
			JsonNode history = JsonMapper.shared().readTree(server.get("/api/messages?since=0").body());
			assertThat(history.findValues("id").stream().map(JsonNode::asLong)).containsExactly(1L, 2L, 3L);
			assertThat(history.findValuesAsString("content")).containsExactly("hello", "no key", "blank key");
			assertThat(history.get(0).get("clientId").asString()).isEqualTo("old-1");
			assertThat(history.get(1).get("clientId").isNull()).isTrue();
			assertThat(history.get(2).get("clientId").asString()).isEmpty();
			assertThat(new JdbcTemplate(app.getBean(DataSource.class)).queryForObject("PRAGMA user_version",
					Integer.class)).isEqualTo(SchemaMigrationsTests.LATEST);

			try (ChatClient alice = server.connect("alice"); ChatClient bob = server.connect("bob")) {
				bob.send("bob's own", "old-1");
				JsonNode bobs = alice.next(CHAT);
				assertThat(bob.next(CHAT)).isEqualTo(bobs);
				assertThat(bobs.get("content").asString()).isEqualTo("bob's own");
				assertThat(bobs.get("id").asLong()).as("the deleted id 4 is not reused").isGreaterThan(4);
				bob.send("no key", null);
				assertThat(bob.next(CHAT).get("clientId").isNull()).isTrue();

				alice.send("hello, again", "old-1");
				assertThat(alice.next(REPLAYS)).isEqualTo(history.get(0));
				bob.assertNothingOn(CHAT);
				bob.assertNothingOn(REPLAYS);
			}
		}
	}

}
