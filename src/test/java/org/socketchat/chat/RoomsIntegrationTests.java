package org.socketchat.chat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.socketchat.ChatAppTest;
import org.socketchat.ChatClient;
import org.socketchat.TestChatServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.CHAT;
import static org.socketchat.ChatClient.REPLAYS;

/** Rooms over real STOMP and HTTP: each room's messages reach its subscribers only, and general is as it was. */
@ChatAppTest
class RoomsIntegrationTests {

	private static final String MUSIC = "/topic/rooms.music";

	private static final String BOOKS = "/topic/rooms.books";

	@Autowired
	ApplicationContext context;

	@Test
	void aRoomsMessagesReachItsSubscribersAndNoOtherRoom() {
		TestChatServer server = TestChatServer.of(this.context);
		try (ChatClient ana = server.connect("ana"); ChatClient bo = server.connect("bo")) {
			server.subscribe(ana, MUSIC);
			server.subscribe(bo, MUSIC);
			server.subscribe(bo, BOOKS);

			ana.sendToRoom("music", "a tune");
			JsonNode tune = bo.next(MUSIC);
			assertThat(tune.get("room").asString()).isEqualTo("music");
			assertThat(tune.get("username").asString()).isEqualTo("ana");
			assertThat(ana.next(MUSIC)).isEqualTo(tune);

			ana.sendToRoom("books", "a book");
			assertThat(bo.next(BOOKS).get("content").asString()).isEqualTo("a book");
			ana.send("in general", null);
			assertThat(bo.next(CHAT).get("room").asString()).isEqualTo("general");
			ana.sendToRoom("general", "general by name");
			assertThat(bo.next(CHAT).get("content").asString()).isEqualTo("general by name");

			bo.assertNothingOn(MUSIC);
			bo.assertNothingOn(BOOKS);
			bo.assertNothingOn(CHAT);
			ana.assertNothingOn(MUSIC);
		}
	}

	@Test
	void aRetryInARoomGetsTheStoredCopyWithItsRoom() {
		TestChatServer server = TestChatServer.of(this.context);
		try (ChatClient ana = server.connect("ana")) {
			server.subscribe(ana, MUSIC);
			String body = "{\"content\": \"once\", \"clientId\": \"room-retry\"}";
			ana.sendTo("/app/rooms/music/chat", body);
			JsonNode stored = ana.next(MUSIC);
			ana.sendTo("/app/rooms/music/chat", body);

			assertThat(ana.next(REPLAYS)).isEqualTo(stored);
			assertThat(stored.get("room").asString()).isEqualTo("music");
			ana.assertNothingOn(MUSIC);
		}
	}

	@Test
	void eachRoomHasItsOwnBacklogAndTheRoomListSaysWhatIsWhere() {
		TestChatServer server = TestChatServer.of(this.context);
		try (ChatClient ana = server.connect("ana"); ChatClient bo = server.connect("bo")) {
			server.subscribe(ana, "/topic/rooms.jazz");
			server.subscribe(bo, "/topic/rooms.jazz");
			server.subscribe(bo, "/topic/rooms.quiet");
			ana.sendToRoom("jazz", "one");
			ana.sendToRoom("jazz", "two");
			long two = bo.nextMatching((m) -> m.get("content").asString().equals("two"), "/topic/rooms.jazz")
				.get("id")
				.asLong();
			ana.send("elsewhere", null);
			bo.next(CHAT);

			JsonNode jazz = get(server, "/api/rooms/jazz/messages");
			assertThat(jazz.findValuesAsString("content")).containsExactly("one", "two");
			assertThat(get(server, "/api/rooms/jazz/messages?before=" + two).findValuesAsString("content"))
				.containsExactly("one");
			assertThat(get(server, "/api/rooms/jazz/messages?since=" + two)).isEmpty();
			assertThat(get(server, "/api/messages?since=" + two).findValuesAsString("content"))
				.containsExactly("elsewhere");
			assertThat(get(server, "/api/rooms/general/messages?since=" + two))
				.isEqualTo(get(server, "/api/messages?since=" + two));

			JsonNode rooms = get(server, "/api/rooms");
			JsonNode listedJazz = room(rooms, "jazz");
			assertThat(listedJazz.get("messageCount").asLong()).isEqualTo(2);
			assertThat(listedJazz.get("present").asInt()).isEqualTo(2);
			assertThat(listedJazz.get("lastActivity").asString()).isEqualTo(jazz.get(1).get("createdAt").asString());
			JsonNode quiet = room(rooms, "quiet");
			assertThat(quiet.get("messageCount").asLong()).isZero();
			assertThat(quiet.get("lastActivity").isNull()).isTrue();
			assertThat(quiet.get("present").asInt()).isOne();
			List<String> names = rooms.findValuesAsString("name");
			assertThat(names.indexOf("general")).as("most recent message first").isLessThan(names.indexOf("jazz"));
			assertThat(names.indexOf("quiet")).as("rooms without messages after those with")
				.isGreaterThan(names.indexOf("jazz"));
			assertThat(get(server, "/api/rooms?limit=1")).hasSize(1);
		}
	}

	private static JsonNode get(TestChatServer server, String uri) {
		return JsonMapper.shared().readTree(server.get(uri).body());
	}

	private static JsonNode room(JsonNode rooms, String name) {
		return rooms.valueStream()
			.filter((room) -> room.get("name").asString().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + " not listed in " + rooms));
	}

}
