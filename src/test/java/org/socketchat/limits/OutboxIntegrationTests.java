package org.socketchat.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.socketchat.ChatAppTest;
import org.socketchat.ChatClient;
import org.socketchat.RawStompSocket;
import org.socketchat.TestChatServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst reaches a client as fewer WebSocket messages than frames, and every frame still
 * arrives whole, once, in id order.
 */
@ChatAppTest
@TestPropertySource(properties = { "chat.limits.messages-per-second=1000", "chat.limits.message-burst=5000" })
class OutboxIntegrationTests {

	private static final int BURST = 300;

	private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

	@Autowired
	ApplicationContext context;

	@Test
	void aBurstIsCoalescedIntoFewerWebSocketMessagesWithEveryFrameWholeAndInOrder() {
		TestChatServer server = TestChatServer.of(this.context);
		try (RawStompSocket reader = server.openRaw(); ChatClient sender = server.connect("sender")) {
			assertThat(reader.connect("reader", "0,0")).startsWith("CONNECTED");
			reader.send("SUBSCRIBE", "", "id:chat", "destination:" + ChatClient.CHAT);
			// The simple broker sends no RECEIPT: a message that arrives shows the subscription.
			sender.send("ready", "ready");
			assertThat(reader.nextFrame()).contains("\"content\":\"ready\"");
			int before = reader.messagesReceived();

			for (int i = 0; i < BURST; i++) {
				sender.send("burst " + i, "burst-" + i);
			}
			List<Long> ids = new ArrayList<>();
			for (int i = 0; i < BURST; i++) {
				String frame = reader.nextFrame();
				assertThat(frame).startsWith("MESSAGE\n").endsWith("}\u0000").contains("\"content\":\"burst ");
				Matcher id = ID.matcher(frame);
				assertThat(id.find()).isTrue();
				ids.add(Long.parseLong(id.group(1)));
			}

			assertThat(ids).isSorted().doesNotHaveDuplicates();
			assertThat(reader.messagesReceived() - before).isLessThan(BURST);
		}
	}

}
