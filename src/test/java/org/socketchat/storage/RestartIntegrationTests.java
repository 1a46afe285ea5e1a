package org.socketchat.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.socketchat.ChatClient;
import org.socketchat.SocketChatApplication;
import org.socketchat.TemporaryDatabase;
import org.socketchat.TestChatServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.CHAT;

class RestartIntegrationTests {

	private final Path file = TemporaryDatabase.newFile().resolveSibling("nested/dir/chat.db");

	@Test
	void messagesSurviveARestartAndIdsKeepGrowing() {
		long firstId;
		try (ConfigurableApplicationContext app = start(); ChatClient alice = TestChatServer.of(app).connect("alice")) {
			alice.send("before the restart", "r1");
			firstId = alice.next(CHAT).get("id").asLong();
		}
		assertThat(this.file).as("the directory is created on start").exists();
		assertThat(journalMode()).isEqualTo("wal");

		try (ConfigurableApplicationContext app = start(); ChatClient alice = TestChatServer.of(app).connect("alice")) {
			JsonNode history = JsonMapper.shared().readTree(TestChatServer.of(app).get("/api/messages").body());
			assertThat(history).hasSize(1);
			assertThat(history.get(0).get("id").asLong()).isEqualTo(firstId);
			assertThat(history.get(0).get("content").asString()).isEqualTo("before the restart");

			alice.send("after the restart", "r1");
			assertThat(alice.next(ChatClient.REPLAYS).get("id").asLong()).as("clientIds outlive a restart")
				.isEqualTo(firstId);
			alice.send("after the restart", "r2");
			assertThat(alice.next(CHAT).get("id").asLong()).isGreaterThan(firstId);
		}
	}

	/** Read from the file itself: WAL mode, once set, is stored in the database. */
	private String journalMode() {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + this.file);
				ResultSet result = connection.createStatement().executeQuery("PRAGMA journal_mode")) {
			result.next();
			return result.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(SocketChatApplication.class)
			.run("--server.port=0", "--server.address=127.0.0.1", "--chat.storage.file=" + this.file);
	}

}
