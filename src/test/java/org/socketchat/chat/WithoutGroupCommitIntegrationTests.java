package org.socketchat.chat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.socketchat.ChatAppTest;
import org.socketchat.ChatClient;
import org.socketchat.TestChatServer;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.CHAT;
import static org.socketchat.ChatClient.REPLAYS;

/** The benchmark's naive baseline still keeps the whole contract. */
@ChatAppTest
@TestPropertySource(properties = "chat.group-commit.enabled=false")
class WithoutGroupCommitIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MessageWriter writer;

	@Test
	void eachSendIsStoredBroadcastAndARetryAnsweredWithTheStoredCopy() {
		TestChatServer server = TestChatServer.of(this.context);
		try (ChatClient alice = server.connect("alice"); ChatClient bob = server.connect("bob")) {
			alice.send("one", "naive-1");
			bob.send("two", null);
			List<JsonNode> seen = List.of(alice.next(CHAT), alice.next(CHAT));
			assertThat(seen).extracting((message) -> message.get("content").asString())
				.containsExactlyInAnyOrder("one", "two");

			alice.send("one again", "naive-1");
			assertThat(alice.next(REPLAYS).get("content").asString()).isEqualTo("one");
			bob.next(CHAT);
			bob.next(CHAT);
			bob.assertNothingOn(CHAT);
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM messages WHERE client_id = 'naive-1'",
					Integer.class)).isEqualTo(1);
			assertThat(this.writer.isAlive()).isTrue();
		}
	}

}
