package org.socketchat.messaging;

import org.junit.jupiter.api.Test;
import org.socketchat.ChatAppTest;
import org.socketchat.RawStompSocket;
import org.socketchat.TestChatServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** What a session learns from CONNECTED, read off the frame as it is on the wire. */
@ChatAppTest
class StompSessionIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Test
	void connectedOffersHeartBeatsAndNamesTheSessionByAPrivateId() {
		try (RawStompSocket raw = TestChatServer.of(this.context).openRaw()) {
			String connected = raw.connect("alice", "10000,10000");

			assertThat(connected).startsWith("CONNECTED\n").contains("\nheart-beat:10000,10000\n");
			String userName = connected.lines()
				.filter((line) -> line.startsWith("user-name:"))
				.findFirst()
				.orElseThrow()
				.substring("user-name:".length());
			assertThat(userName).isNotEqualTo("alice")
				.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		}
	}

}
