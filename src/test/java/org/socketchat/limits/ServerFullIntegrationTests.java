package org.socketchat.limits;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.socketchat.ChatAppTest;
import org.socketchat.ChatClient;
import org.socketchat.RawStompSocket;
import org.socketchat.RawStompSocket.Closed;
import org.socketchat.TestChatServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.CHAT;

/** The total cap holds whichever addresses the sessions come from. */
@ChatAppTest
@TestPropertySource(properties = { "chat.limits.sessions=2", "chat.limits.sessions-per-address=100" })
class ServerFullIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Test
	void aSessionOverTheTotalIsClosedAsTryAgainLaterAndTheOthersChatOn() {
		TestChatServer server = TestChatServer.of(this.context);
		try (ChatClient alice = server.connect("alice"); ChatClient bob = server.connect("bob");
				RawStompSocket third = server.openRaw()) {
			Closed closed = third.awaitClosed(Duration.ofSeconds(5));
			assertThat(closed.status()).isEqualTo(1013);
			assertThat(closed.reason()).contains("the server is full");

			alice.send("still chatting", null);
			assertThat(bob.next(CHAT).get("content").asString()).isEqualTo("still chatting");
		}
	}

}
