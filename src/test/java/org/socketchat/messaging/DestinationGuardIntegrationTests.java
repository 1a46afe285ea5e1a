package org.socketchat.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketchat.ChatAppTest;
import org.socketchat.ChatClient;
import org.socketchat.RawStompSocket;
import org.socketchat.TestChatServer;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.CHAT;
import static org.socketchat.ChatClient.ERRORS;
import static org.socketchat.ChatClient.PRESENCE;
import static org.socketchat.ChatClient.REPLAYS;

/** Mallory tries every destination the protocol does not offer; nobody else notices. */
@ChatAppTest
class DestinationGuardIntegrationTests {

	private static final String FORGED = """
			{"id": 999999, "username": "admin", "content": "forged", "clientId": null, "createdAt": "2026-11-22T00:00:00Z"}""";

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SimpUserRegistry users;

	TestChatServer server;

	final List<ChatClient> clients = new ArrayList<>();

	@BeforeEach
	void setUp() {
		this.server = TestChatServer.of(this.context);
	}

	@AfterEach
	void disconnect() {
		this.clients.forEach(ChatClient::close);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/chat", "/topic/presence", "/topic/chat/", "/topic/other", "/queue/errors",
			"/user/queue/errors", "/user/queue/chat", "/app/presence", "/app/nothing", "/app/chat/x", "/APP/chat",
			"/topic/rooms.music", "/app/rooms/music", "/app/rooms/music/chat/x", "/app/rooms/Music/chat",
			"/app/rooms//chat", "/app/rooms/a.b/chat", "/app/rooms/a_b/chat", "/app/rooms/music/presence",
			"/app/rooms/music/typing;x", "/app/rooms/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/chat", "/app/rooms/*/chat" })
	void aSendOutsideTheAllowListIsRefusedAndReachesNobody(String destination) {
		ChatClient bob = connect("bob");
		ChatClient mallory = connect("mallory");
		bob.next(PRESENCE);
		int rows = rows();

		mallory.sendTo(destination, FORGED);

		assertForbidden(mallory.next(ERRORS), destination);
		// Broadcasts reach each client in the order published: a forged one would come first.
		mallory.send("real", null);
		assertThat(bob.next(CHAT).get("content").asString()).isEqualTo("real");
		bob.assertNothingOn(CHAT);
		bob.assertNothingOn(PRESENCE);
		bob.assertNothingOn(ERRORS);
		bob.assertNothingOn(REPLAYS);
		assertThat(rows()).isEqualTo(rows + 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/queue/**", "/queue/*", "/queue/errors", "/queue/errors*", "/queue/chat", "/topic/**",
			"/topic/*", "/topic/chat*", "/topic/other", "/user/queue/**", "/user/queue/errors*", "/user/queue/other",
			"/app/chat", "/app/nothing", "/topic/chat;x=1", "/topic/ch%61t", "/topic/chat;*", "/topic//chat",
			"/user/queue/errors;a", "/topic/rooms.general", "/topic/rooms.Music", "/topic/rooms.music.other",
			"/topic/rooms.music.*", "/topic/rooms.*", "/topic/rooms.#", "/topic/rooms.music.presence.x",
			"/topic/rooms.music;x", "/topic/rooms.a_b", "/topic/rooms.", "/topic/rooms..presence",
			"/app/rooms/music/chat", "/app/rooms/music/typing", "/topic/rooms.music/x" })
	void aSubscriptionOutsideTheAllowListIsRefusedAndReadsNobodysQueue(String destination) {
		ChatClient bob = connect("bob");
		ChatClient mallory = connect("mallory");

		mallory.subscribe(destination);
		assertForbidden(mallory.next(ERRORS), destination);

		bobGetsAnErrorAndARetryReply(bob);
		mallory.send("after", null);
		mallory.next(CHAT);
		mallory.assertNothingOn(destination);
		mallory.assertNothingOn(ERRORS);
	}

	@Test
	void anotherSessionsOwnQueueCannotBeNamedDirectly() {
		ChatClient bob = connect("bob");
		ChatClient mallory = connect("mallory");
		String bobsSession = this.users.getUser(bob.principalName()).getSessions().iterator().next().getId();
		List<String> bobsQueues = List.of("/queue/errors-user" + bobsSession, "/queue/chat-user" + bobsSession,
				"/user/" + bob.principalName() + "/queue/errors", "/user/" + bob.principalName() + "/queue/chat");

		for (String destination : bobsQueues) {
			mallory.subscribe(destination);
			assertForbidden(mallory.next(ERRORS), destination);
		}

		bobGetsAnErrorAndARetryReply(bob);
		mallory.send("after", null);
		mallory.next(CHAT);
		bobsQueues.forEach(mallory::assertNothingOn);
	}

	@Test
	void aSecondSubscriptionToOneTopicIsRefusedSoEachMessageArrivesOnce() {
		ChatClient alice = connect("alice");

		alice.subscribe(CHAT);
		JsonNode error = alice.next(ERRORS);
		assertThat(error.get("code").asString()).isEqualTo("FORBIDDEN");
		assertThat(error.get("message").asString()).contains("already subscribed to /topic/chat");

		alice.send("once", null);
		alice.send("twice?", null);
		assertThat(alice.next(CHAT).get("content").asString()).isEqualTo("once");
		assertThat(alice.next(CHAT).get("content").asString()).isEqualTo("twice?");
		alice.assertNothingOn(CHAT);
	}

	@Test
	void aSessionHoldsAtMostFiftySubscriptions() {
		ChatClient mallory = connect("mallory");
		int held = ChatClient.DESTINATIONS.size();
		for (int room = 0; room < DestinationGuard.MAX_SUBSCRIPTIONS - held; room++) {
			this.server.subscribe(mallory, "/topic/rooms.r" + room);
		}

		mallory.subscribe("/topic/rooms.one-too-many");
		JsonNode refused = mallory.next(ERRORS);
		assertThat(refused.get("code").asString()).isEqualTo("FORBIDDEN");
		assertThat(refused.get("destination").asString()).isEqualTo("/topic/rooms.one-too-many");
		assertThat(refused.get("message").asString()).contains("too many subscriptions");
		mallory.unsubscribe("/topic/rooms.r0");
		this.server.subscribe(mallory, "/topic/rooms.now-there-is-room");
		mallory.assertNothingOn(ERRORS);
	}

	/**
	 * The broker keeps the first of two subscriptions with one id: were the second taken,
	 * the guard would forget the first and let the same topic be subscribed again and again.
	 */
	@Test
	void aSubscriptionIdInUseOrMissingIsRefused() {
		ChatClient bob = connect("bob");
		try (RawStompSocket mallory = this.server.openRaw()) {
			assertThat(mallory.connect("mallory", "0,0")).startsWith("CONNECTED");
			mallory.send("SUBSCRIBE", "", "id:errors", "destination:/user/queue/errors");
			mallory.send("SUBSCRIBE", "", "id:1", "destination:/topic/chat");
			mallory.send("SUBSCRIBE", "", "id:1", "destination:/topic/presence");
			mallory.send("SUBSCRIBE", "", "id:2", "destination:/topic/chat");
			mallory.send("SUBSCRIBE", "", "destination:/topic/rooms.no-id");

			assertThat(mallory.nextFrame()).contains("FORBIDDEN").contains("subscription id 1 is in use");
			assertThat(mallory.nextFrame()).contains("FORBIDDEN").contains("already subscribed to /topic/chat");
			assertThat(mallory.nextFrame()).contains("FORBIDDEN").contains("a SUBSCRIBE needs an id");
			// Broadcasts reach a subscriber in order: a second copy of one would come before the next.
			bob.send("once", null);
			assertThat(mallory.nextFrame()).contains("\"content\":\"once\"");
			bob.send("twice", null);
			assertThat(mallory.nextFrame()).as("one copy of each broadcast").contains("\"content\":\"twice\"");
		}
	}

	@Test
	void framesBeforeConnectGetAnErrorFrameAndTheConnectionCloses() {
		ChatClient bob = connect("bob");
		int rows = rows();
		for (String[] frame : List.of(new String[] { "SUBSCRIBE", "", "id:0", "destination:/topic/chat" },
				new String[] { "SEND", FORGED, "destination:/topic/chat", "content-type:application/json" },
				new String[] { "SEND", "{\"content\": \"hi\"}", "destination:/app/chat",
						"content-type:application/json" })) {
			try (RawStompSocket raw = this.server.openRaw()) {
				raw.send(frame[0], frame[1], Arrays.copyOfRange(frame, 2, frame.length));
				assertThat(raw.nextFrame()).startsWith("ERROR");
				raw.awaitClosed(Duration.ofSeconds(5));
			}
		}
		bob.send("real", null);
		assertThat(bob.next(CHAT).get("content").asString()).isEqualTo("real");
		bob.assertNothingOn(CHAT);
		assertThat(rows()).isEqualTo(rows + 1);
	}

	@Test
	void framesOfOtherKindsAreRefused() {
		try (RawStompSocket raw = this.server.openRaw()) {
			assertThat(raw.connect("mallory", "0,0")).startsWith("CONNECTED");
			raw.send("SUBSCRIBE", "", "id:errors", "destination:/user/queue/errors");
			raw.send("BEGIN", "", "transaction:t1");
			assertThat(raw.nextFrame()).startsWith("MESSAGE").contains("\"code\":\"FORBIDDEN\"").contains("BEGIN");
			raw.send("ACK", "", "id:1");
			assertThat(raw.nextFrame()).startsWith("MESSAGE").contains("\"code\":\"FORBIDDEN\"").contains("ACK");
			assertThat(raw.isOpen()).isTrue();
		}
	}

	private void bobGetsAnErrorAndARetryReply(ChatClient bob) {
		bob.sendRaw("{broken");
		bob.next(ERRORS);
		bob.send("private?", "bob-" + System.nanoTime());
		JsonNode stored = bob.next(CHAT);
		bob.send("private?", stored.get("clientId").asString());
		bob.next(REPLAYS);
	}

	private static void assertForbidden(JsonNode error, String destination) {
		assertThat(error.get("code").asString()).isEqualTo("FORBIDDEN");
		assertThat(error.get("destination").asString()).isEqualTo(destination);
		assertThat(error.get("message").asString()).contains(destination).contains("not allowed");
	}

	private ChatClient connect(String username) {
		ChatClient client = this.server.connect(username);
		this.clients.add(client);
		return client;
	}

	private int rows() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM messages", Integer.class);
	}

}
