package org.socketchat.presence;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.socketchat.ChatAppTest;
import org.socketchat.ChatClient;
import org.socketchat.RawStompSocket;
import org.socketchat.TestChatServer;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.CHAT;
import static org.socketchat.ChatClient.ERRORS;
import static org.socketchat.ChatClient.PRESENCE;
import static org.socketchat.presence.PresenceIntegrationTests.assertNotice;

/** Who is in a room and who is typing there, over real STOMP. */
@ChatAppTest
class RoomPresenceIntegrationTests {

	private static final String MUSIC = "/topic/rooms.music";

	private static final String MUSIC_PRESENCE = "/topic/rooms.music.presence";

	private static final String MUSIC_TYPING = "/topic/rooms.music.typing";

	private static final String SNAPSHOT = "/app/rooms/music/presence";

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aSessionIsInTheRoomsWhoseMessagesItSubscribesTo() {
		TestChatServer server = TestChatServer.of(this.context);
		try (ChatClient ana = server.connect("ana")) {
			server.subscribe(ana, MUSIC_PRESENCE);
			assertThat(ana.snapshot(SNAPSHOT).get("online").asInt()).isZero();
			server.subscribe(ana, MUSIC);
			assertNotice(ana.next(MUSIC_PRESENCE), "JOINED", "ana", 1);

			ChatClient bo = server.connect("bo");
			server.subscribe(bo, MUSIC);
			assertNotice(ana.next(MUSIC_PRESENCE), "JOINED", "bo", 2);
			JsonNode snapshot = bo.snapshot(SNAPSHOT);
			assertThat(snapshot.get("online").asInt()).isEqualTo(2);
			assertThat(snapshot.get("usernames").valueStream().map(JsonNode::asString)).containsExactly("ana", "bo");
			assertThat(ana.snapshot("/app/rooms/books/presence").get("online").asInt()).isZero();

			bo.unsubscribe(MUSIC);
			assertNotice(ana.next(MUSIC_PRESENCE), "LEFT", "bo", 1);
			server.subscribe(bo, MUSIC);
			assertNotice(ana.next(MUSIC_PRESENCE), "JOINED", "bo", 2);
			bo.close();
			assertNotice(ana.next(MUSIC_PRESENCE), "LEFT", "bo", 1);
			ana.assertNothingOn(MUSIC_PRESENCE);
			assertThat(ana.snapshot(SNAPSHOT).get("usernames").valueStream().map(JsonNode::asString))
				.containsExactly("ana");
			assertNotice(ana.next(PRESENCE), "JOINED", "bo", 2);
			assertNotice(ana.next(PRESENCE), "LEFT", "bo", 1);
		}
	}

	@Test
	void aRefusedSubscriptionJoinsNoRoom() {
		TestChatServer server = TestChatServer.of(this.context);
		try (ChatClient ana = server.connect("ana"); ChatClient mallory = server.connect("mallory")) {
			server.subscribe(ana, MUSIC_PRESENCE);
			server.subscribe(mallory, MUSIC);
			assertNotice(ana.next(MUSIC_PRESENCE), "JOINED", "mallory", 1);

			mallory.subscribe(MUSIC);
			assertThat(mallory.next(ERRORS).get("code").asString()).isEqualTo("FORBIDDEN");
			mallory.subscribe("/topic/rooms.general");
			assertThat(mallory.next(ERRORS).get("message").asString()).contains("/topic/chat");

			ana.assertNothingOn(MUSIC_PRESENCE);
			assertThat(ana.snapshot(SNAPSHOT).get("online").asInt()).isOne();
			assertThat(ana.snapshot("/app/rooms/general/presence").get("online").asInt()).isEqualTo(2);
		}
	}

	@Test
	void typingReachesTheRoomAtMostOnceAnIntervalAndIsNeverStored() throws InterruptedException {
		TestChatServer server = TestChatServer.of(this.context);
		try (ChatClient ana = server.connect("ana"); ChatClient mallory = server.connect("mallory")) {
			server.subscribe(ana, MUSIC_TYPING);
			server.subscribe(ana, "/topic/rooms.books.typing");
			int rows = this.jdbc.queryForObject("SELECT count(*) FROM messages", Integer.class);
			mallory.sendTo("/app/rooms/music/typing", "");
			assertThat(mallory.next(ERRORS).get("message").asString())
				.contains("typing in music needs a subscription to " + MUSIC);
			server.subscribe(mallory, MUSIC);
			server.subscribe(mallory, "/topic/rooms.books");

			for (int i = 0; i < 100; i++) {
				mallory.sendTo("/app/rooms/music/typing", "");
			}
			mallory.sendTo("/app/rooms/books/typing", "");

			assertThat(ana.next(MUSIC_TYPING).get("username").asString()).isEqualTo("mallory");
			assertThat(ana.next("/topic/rooms.books.typing").get("username").asString()).isEqualTo("mallory");
			ana.assertNothingOn(MUSIC_TYPING);
			mallory.assertNothingOn(ERRORS);
			// The flood took nothing from mallory's allowance for messages.
			mallory.send("still allowed", null);
			assertThat(ana.next(CHAT).get("content").asString()).isEqualTo("still allowed");
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM messages", Integer.class)).isEqualTo(rows + 1);

			Thread.sleep(2100);
			mallory.sendTo("/app/rooms/music/typing", "");
			assertThat(ana.next(MUSIC_TYPING).get("username").asString()).isEqualTo("mallory");
		}
	}

	/** Each join or leave would be a notice to everyone in the room: past an allowance, they are only counted. */
	@Test
	void aSessionJoiningAndLeavingInALoopIsAnnouncedOnlyUpToItsAllowance() {
		TestChatServer server = TestChatServer.of(this.context);
		try (ChatClient ana = server.connect("ana"); RawStompSocket mallory = server.openRaw()) {
			server.subscribe(ana, "/topic/rooms.flap.presence");
			assertThat(mallory.connect("mallory", "0,0")).startsWith("CONNECTED");
			for (int i = 0; i < 150; i++) {
				mallory.send("SUBSCRIBE", "", "id:s" + i, "destination:/topic/rooms.flap");
				mallory.send("UNSUBSCRIBE", "", "id:s" + i);
			}
			mallory.send("SUBSCRIBE", "", "id:last", "destination:/topic/rooms.flap");

			int notices = 0;
			while (ana.poll("/topic/rooms.flap.presence", Duration.ofSeconds(1)) != null) {
				notices++;
			}
			// 100 at once, then one a second while the loop runs.
			assertThat(notices).isBetween(100, 110);
			assertThat(ana.snapshot("/app/rooms/flap/presence").get("usernames").valueStream().map(JsonNode::asString))
				.as("counted all the same").containsExactly("mallory");
		}
	}

}
