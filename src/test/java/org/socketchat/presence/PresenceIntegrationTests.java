package org.socketchat.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.socketchat.ChatAppTest;
import org.socketchat.ChatClient;
import org.socketchat.TestChatServer;
import org.socketchat.messaging.ChatPrincipal;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.CHAT;
import static org.socketchat.ChatClient.PRESENCE;

@ChatAppTest
class PresenceIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	SimpUserRegistry users;

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

	@Test
	void aSecondDisconnectEventOfOneSessionAnnouncesNothing() {
		TestChatServer server = TestChatServer.of(this.context);
		try (ChatClient alice = server.connect("alice")) {
			ChatClient bob = server.connect("bob");
			assertNotice(alice.next(PRESENCE), "JOINED", "bob", 2);
			String bobsSession = this.users.getUser(bob.principalName()).getSessions().iterator().next().getId();
			SessionDisconnectEvent disconnect = new SessionDisconnectEvent(this, disconnectMessage(bobsSession),
					bobsSession, CloseStatus.NORMAL, new ChatPrincipal(bob.principalName(), "bob"));

			this.events.publishEvent(disconnect);
			this.events.publishEvent(disconnect);
			bob.close();

			assertNotice(alice.next(PRESENCE), "LEFT", "bob", 1);
			alice.send("later", null);
			alice.next(CHAT);
			alice.assertNothingOn(PRESENCE);
		}
	}

	@Test
	void concurrentJoinsAndLeavesAreAnnouncedOneByOneWithTheirCounts() throws Exception {
		TestChatServer server = TestChatServer.of(this.context);
		int people = 12;
		try (ChatClient observer = server.connect("observer")) {
			ExecutorService pool = Executors.newFixedThreadPool(people);
			try {
				List<Future<ChatClient>> joining = new ArrayList<>();
				for (int i = 0; i < people; i++) {
					String name = "p" + i;
					joining.add(pool.submit(() -> server.connect(name)));
				}
				List<ChatClient> joined = new ArrayList<>();
				for (Future<ChatClient> client : joining) {
					joined.add(client.get(30, TimeUnit.SECONDS));
				}
				List<Integer> counts = new ArrayList<>();
				for (int i = 0; i < people; i++) {
					JsonNode notice = observer.next(PRESENCE);
					assertThat(notice.get("type").asString()).isEqualTo("JOINED");
					counts.add(notice.get("online").asInt());
				}
				assertThat(counts).isEqualTo(IntStream.rangeClosed(2, people + 1).boxed().toList());

				List<Future<?>> leaving = new ArrayList<>();
				joined.forEach((client) -> leaving.add(pool.submit(client::close)));
				for (Future<?> left : leaving) {
					left.get(30, TimeUnit.SECONDS);
				}
				counts.clear();
				for (int i = 0; i < people; i++) {
					JsonNode notice = observer.next(PRESENCE);
					assertThat(notice.get("type").asString()).isEqualTo("LEFT");
					counts.add(notice.get("online").asInt());
				}
				assertThat(counts).isEqualTo(IntStream.range(1, people + 1).map((n) -> people + 1 - n).boxed().toList());
				observer.assertNothingOn(PRESENCE);
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	private static Message<byte[]> disconnectMessage(String sessionId) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.DISCONNECT);
		headers.setSessionId(sessionId);
		return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
	}

	static void assertNotice(JsonNode notice, String type, String username, int online) {
		assertThat(notice.get("type").asString()).isEqualTo(type);
		assertThat(notice.get("username").asString()).isEqualTo(username);
		assertThat(notice.get("online").asInt()).isEqualTo(online);
	}

}
