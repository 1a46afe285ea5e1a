package org.socketchat.presence;

import org.junit.jupiter.api.Test;
import org.socketchat.ChatAppTest;
import org.socketchat.ChatClient;
import org.socketchat.TestChatServer;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.PRESENCE;

@ChatAppTest
class PresenceIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Test
	void everyoneHearsWhoJoinsAndLeavesWithTheCountOnline() {
		TestChatServer server = TestChatServer.of(this.context);
		try (ChatClient alice = server.connect("alice")) {
			ChatClient bob = server.connect("bob");
			assertNotice(alice.next(PRESENCE), "JOINED", "bob", 2);
			assertThat(alice.snapshot().get("online").asInt()).isEqualTo(2);
			assertThat(alice.snapshot().get("usernames").valueStream().map(JsonNode::asString)).containsExactly("alice",
					"bob");

			bob.close();

			assertNotice(alice.next(PRESENCE), "LEFT", "bob", 1);
			alice.assertNothingOn(PRESENCE);
		}
	}

	private static void assertNotice(JsonNode notice, String type, String username, int online) {
		assertThat(notice.get("type").asString()).isEqualTo(type);
		assertThat(notice.get("username").asString()).isEqualTo(username);
		assertThat(notice.get("online").asInt()).isEqualTo(online);
	}

}
