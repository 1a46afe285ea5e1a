package org.socketchat.storage;

import java.io.InputStream;
import java.nio.file.Files;
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
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.CHAT;
import static org.socketchat.ChatClient.REPLAYS;

/**
 * The application started on a database an earlier version made, with messages in it:
 * the one before migrations, and the one before rooms.
 */
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
		SchemaMigrationsTests.makeFirstVersion(sqld.emptyDataSource());
		upgradesOnStart("--chat.storage.turso.database-url=" + sqld.server().url(),
				"--chat.storage.turso.auth-token=" + sqld.token);
	}

	@Test
	void aFileMadeTheDayBeforeRoomsUpgradesOnStart(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("chat.db");
		try (InputStream made = new ClassPathResource(SchemaMigrationsTests.MADE_BEFORE_ROOMS).getInputStream()) {
			Files.copy(made, file);
		}
		upgradesToRooms("--chat.storage.file=" + file);
	}

	@Test
	void aLibSqlDatabaseMadeTheDayBeforeRoomsUpgradesOnStart() throws Exception {
		SchemaMigrationsTests.copyMadeBeforeRooms(sqld.emptyDataSource());
		upgradesToRooms("--chat.storage.turso.database-url=" + sqld.server().url(),
				"--chat.storage.turso.auth-token=" + sqld.token);
	}

	/** Every message is in general, where the old destinations still find it, and rooms work at once. */
	private static void upgradesToRooms(String... storage) {
		try (ConfigurableApplicationContext app = start(storage)) {
			TestChatServer server = TestChatServer.of(app);
			JsonNode history = JsonMapper.shared().readTree(server.get("/api/messages").body());
			assertThat(history.findValuesAsString("content")).containsExactly("before rooms", "ünïcödé ✓", "no key",
					"third");
			assertThat(history.findValuesAsString("room")).containsOnly("general");
			assertThat(JsonMapper.shared().readTree(server.get("/api/rooms/general/messages").body()))
				.isEqualTo(history);
			JsonNode general = JsonMapper.shared().readTree(server.get("/api/rooms").body()).get(0);
			assertThat(general.get("name").asString()).isEqualTo("general");
			assertThat(general.get("messageCount").asLong()).isEqualTo(4);
			assertThat(general.get("lastActivity").asString()).isEqualTo(history.get(3).get("createdAt").asString());

			try (ChatClient ana = server.connect("ana")) {
				ana.send("before rooms, again", "k1");
				assertThat(ana.next(REPLAYS)).isEqualTo(history.get(0));
				server.subscribe(ana, "/topic/rooms.new-room");
				ana.sendToRoom("new-room", "the first in a room");
				assertThat(ana.next("/topic/rooms.new-room").get("id").asLong()).isGreaterThan(4);
				ana.assertNothingOn(CHAT);
			}
		}
	}

	/** Keeps every message and id, and the new rules hold from the first send. */
	private static void upgradesOnStart(String... storage) {
		try (ConfigurableApplicationContext app = start(storage)) {
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

	private static ConfigurableApplicationContext start(String... storage) {
		String[] arguments = new String[storage.length + 2];
		arguments[0] = "--server.port=0";
		arguments[1] = "--server.address=127.0.0.1";
		System.arraycopy(storage, 0, arguments, 2, storage.length);
		return new SpringApplicationBuilder(SocketChatApplication.class).run(arguments);
	}

}
