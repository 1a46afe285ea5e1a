package org.socketchat.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socketchat.ChatAppTest;
import org.socketchat.ChatClient;
import org.socketchat.TestChatServer;
import org.socketchat.web.ChatPage.Shown;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rooms in real headless Chromium windows against the running application: joining one by
 * name or by link, what stays in which room, unread counts, who is in the open room, who
 * is typing there, and every room catching up after the connection comes back.
 */
@ChatAppTest
// The resume test has a plain client say more than a page of lines at once.
@TestPropertySource(properties = "chat.limits.message-burst=1000")
class RoomsBrowserTests {

	/** How long nothing more may happen before "not shown" is believed. */
	private static final Duration QUIET = Duration.ofMillis(800);

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	TestChatServer server;

	@BeforeEach
	void nobodyIsOnline() {
		this.server = TestChatServer.of(this.context);
		// Member lists start empty.
		this.server.awaitConnected(0);
	}

	@Test
	void aRoomJoinedByNameKeepsItsMessagesToItselfAndCountsThemUnreadElsewhere() throws InterruptedException {
		ChatPage alice = open("/").join("alice");
		ChatPage bob = open("/").join("bob");
		assertThat(alice.rooms()).containsExactly("general");
		assertThat(alice.tryRoomName("Rock & roll")).isEqualTo(
				"A room name has 1 to 32 characters: letters a to z, digits and hyphens.");
		assertThat(alice.openRoom()).as("still where she was").isEqualTo("general");

		alice.joinRoom("Music");
		assertThat(alice.rooms()).containsExactly("general", "music");
		assertThat(alice.hash()).isEqualTo("#/music");
		assertThat(bob.awaitRoomSuggestions((names) -> names.contains("music"))).as("rooms others are in")
			.doesNotContain("general");
		bob.joinRoom("music");
		bob.markDocument();
		bob.openRoom("general");

		alice.send("Only for the music room");
		bob.awaitUnread("music", 1);
		assertThat(bob.roomLinkSays("music")).isEqualTo("music, 1 unread");
		alice.send("And a second one");
		bob.awaitUnread("music", 2);
		Thread.sleep(QUIET.toMillis());
		assertThat(bob.messages()).extracting(Shown::text)
			.doesNotContain("Only for the music room", "And a second one");
		assertThat(bob.unread("general")).isZero();
		bob.screenshot("08-rooms-unread");

		bob.openRoom("music");
		assertThat(bob.messages()).extracting(Shown::text)
			.containsExactly("Only for the music room", "And a second one");
		assertThat(bob.unread("music")).as("read once opened").isZero();
		assertThat(bob.roomLinkSays("music")).isEqualTo("music");
		bob.send("Heard you in music");
		alice.awaitMessage("Heard you in music");
		assertThat(alice.unread("general")).isZero();
		assertThat(bob.isMarkedDocument()).as("switched rooms without loading the page again").isTrue();
		assertThat(bob.hash()).isEqualTo("#/music");

		bob.reload();
		bob.awaitState("live");
		assertThat(bob.rooms()).as("remembered").containsExactly("general", "music");
		assertThat(bob.openRoom()).isEqualTo("music");
		bob.awaitMessage("Heard you in music");
		bob.leaveRoom("music");
		assertThat(bob.openRoom()).isEqualTo("general");
		bob.reload();
		bob.awaitState("live");
		assertThat(bob.rooms()).containsExactly("general");
		assertThat(alice.problems()).isEmpty();
		assertThat(bob.problems()).isEmpty();
	}

	@Test
	void aLinkToARoomOpensItAndChangingTheLinkSwitchesRooms() {
		ChatPage carol = open("/#/jazz").join("carol");
		carol.awaitOpenRoom("jazz");
		assertThat(carol.rooms()).containsExactly("general", "jazz");
		carol.send("First words in jazz");
		carol.awaitMessage("First words in jazz");
		carol.markDocument();

		carol.goToHash("#/");
		carol.awaitOpenRoom("general");
		assertThat(carol.messages()).extracting(Shown::text).doesNotContain("First words in jazz");
		carol.goToHash("#/Blues");
		carol.awaitOpenRoom("blues");
		carol.goToHash("#/jazz");
		carol.awaitOpenRoom("jazz");
		assertThat(carol.messages()).extracting(Shown::text).containsExactly("First words in jazz");
		carol.goToHash("#/no_such room");
		assertThat(carol.awaitRoomError()).isEqualTo(
				"A room name has 1 to 32 characters: letters a to z, digits and hyphens.");
		assertThat(carol.openRoom()).isEqualTo("jazz");
		assertThat(carol.hash()).isEqualTo("#/jazz");
		assertThat(carol.rooms()).containsExactly("general", "blues", "jazz");
		assertThat(carol.isMarkedDocument()).isTrue();
		assertThat(carol.problems()).isEmpty();
	}

	@Test
	void theMemberListShowsWhoIsInTheOpenRoomAsTheyComeAndGo() {
		ChatPage alice = open("/#/books").join("alice");
		alice.awaitMembers("alice");
		ChatPage bob = open("/#/books").join("bob");
		alice.awaitMembers("alice", "bob");
		bob.awaitMembers("alice", "bob");
		alice.awaitNotice("bob joined");

		bob.leaveRoom("books");
		alice.awaitMembers("alice");
		alice.awaitNotice("bob left");
		bob.awaitMembers("alice", "bob");
		assertThat(bob.openRoom()).as("general, where both still are").isEqualTo("general");

		bob.goToHash("#/books");
		alice.awaitMembers("alice", "bob");
		chromium.close(bob.driver());
		alice.awaitMembers("alice");
		alice.openRoom("general");
		alice.awaitMembers("alice");
		alice.awaitOnline(1);
	}

	@Test
	void someoneTypingShowsInTheOthersWindowsAndGoesAwayBySecondsOrWithTheirMessage() throws InterruptedException {
		ChatPage ana = open("/#/chess").join("ana");
		ChatPage ben = open("/#/chess").join("ben");
		ChatPage cleo = open("/").join("cleo");

		ben.type("I am thinking about");
		long start = System.nanoTime();
		assertThat(ana.awaitTyping((text) -> !text.isEmpty())).isEqualTo("ben is typing…");
		ana.screenshot("09-typing");
		ana.awaitTyping(String::isEmpty);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("shown about 5 s after the one signal")
			.isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
		assertThat(ben.typing()).as("not told of their own typing").isEmpty();
		Thread.sleep(QUIET.toMillis());
		assertThat(cleo.typing()).as("in another room").isEmpty();

		ben.type(" my next move");
		ana.awaitTyping("ben is typing…"::equals);
		ben.send("");
		ana.awaitMessage("I am thinking about my next move");
		assertThat(ana.typing()).as("gone with the message").isEmpty();

		ana.type("Me too");
		ben.awaitTyping("ana is typing…"::equals);
		try (ChatClient dora = this.server.connect("dora")) {
			// Only someone in the room may say they are typing there.
			this.server.subscribe(dora, "/topic/rooms.chess");
			dora.sendTo("/app/rooms/chess/typing", "");
			ben.awaitTyping("ana and dora are typing…"::equals);
			try (ChatClient eli = this.server.connect("eli")) {
				this.server.subscribe(eli, "/topic/rooms.chess");
				eli.sendTo("/app/rooms/chess/typing", "");
				ben.awaitTyping("3 people are typing…"::equals);
			}
		}
		assertThat(ana.problems()).isEmpty();
		assertThat(ben.problems()).isEmpty();
	}

	@Test
	void everyRoomShowsWhatItMissedWhileOfflineOnceInOrderWithoutReloading() {
		ChatPage alice = open("/#/radio").join("alice");
		ChatPage bob = open("/#/radio").join("bob");
		bob.send("Before the tunnel, in radio");
		long lastSeen = alice.awaitMessage("Before the tunnel, in radio").id();
		alice.markDocument();

		alice.goOffline();
		alice.awaitState("reconnecting");
		List<String> missedInRadio = new ArrayList<>(List.of("Radio while away 1", "Radio while away 2"));
		List<String> missedInGeneral = List.of("General while away 1", "General while away 2");
		bob.send(missedInRadio.get(0));
		bob.openRoom("general");
		missedInGeneral.forEach(bob::send);
		bob.openRoom("radio");
		bob.send(missedInRadio.get(1));
		bob.awaitMessage(missedInRadio.get(1));
		try (ChatClient carol = this.server.connect("carol")) {
			// More than a page (100) in radio, so catching up reads page after page.
			List<String> whileAway = IntStream.rangeClosed(1, 120).mapToObj((i) -> "Carol in radio, #" + i).toList();
			whileAway.forEach((line) -> say(carol, "radio", line));
			missedInRadio.addAll(whileAway);
			bob.awaitMessage(whileAway.get(whileAway.size() - 1));
			assertThat(alice.messages()).extracting(Shown::text).doesNotContainAnyElementsOf(missedInRadio);

			alice.goOnline();
			// Carol goes on talking while alice catches up, so some messages reach alice
			// both live and from the backlog: each must still show once.
			List<String> meanwhile = new ArrayList<>();
			while (!"live".equals(alice.state()) && meanwhile.size() < 1000) {
				meanwhile.add("While alice catches up, #" + (meanwhile.size() + 1));
				say(carol, "radio", meanwhile.get(meanwhile.size() - 1));
			}
			missedInRadio.addAll(meanwhile);
			bob.awaitMessage(missedInRadio.get(missedInRadio.size() - 1));
		}
		alice.awaitState("live");
		alice.awaitMessage(missedInRadio.get(missedInRadio.size() - 1));
		List<Shown> radio = alice.messages();
		assertThat(radio).extracting(Shown::id).doesNotHaveDuplicates().isSorted();
		assertThat(textsAfter(radio, lastSeen)).containsExactlyElementsOf(missedInRadio);
		assertThat(alice.unread("general")).isEqualTo(missedInGeneral.size());
		alice.openRoom("general");
		List<Shown> general = alice.messages();
		assertThat(general).extracting(Shown::id).doesNotHaveDuplicates().isSorted();
		assertThat(textsAfter(general, lastSeen)).containsExactlyElementsOf(missedInGeneral);
		assertThat(alice.isMarkedDocument()).as("the same document, not a reload").isTrue();
		assertThat(alice.lowestSince("/api/rooms/radio/messages")).as("radio read from at most the last id it showed")
			.isLessThanOrEqualTo(lastSeen);
		assertThat(alice.problems()).isEmpty();
	}

	@Test
	void aSendLostOnItsWayToARoomIsSentThereAgainOnceTheConnectionIsBack() {
		ChatPage alice = open("/#/poetry").join("alice");
		ChatPage bob = open("/#/poetry").join("bob");
		String text = "Lost on its way to poetry";
		String clientId = alice.sendLosing(text, 1);
		alice.awaitSendsLeftToLose(0);

		alice.goOffline();
		alice.awaitState("reconnecting");
		alice.goOnline();
		Shown stored = alice.awaitMessage(text);

		assertThat(stored.own()).isTrue();
		assertThat(alice.outbox()).isEmpty();
		assertThat(bob.awaitMessage(text).id()).isEqualTo(stored.id());
		JsonNode inRoom = JsonMapper.shared()
			.readTree(this.server.get("/api/rooms/poetry/messages?since=" + (stored.id() - 1)).body())
			.get(0);
		assertThat(inRoom.get("clientId").asString()).isEqualTo(clientId);
		assertThat(inRoom.get("room").asString()).isEqualTo("poetry");
		assertThat(alice.problems()).isEmpty();
	}

	@Test
	void aRoomListThatHoldsAsManyRoomsAsThePageFollowsRefusesOneMoreAndFitsAPhone() {
		ChatPage dan = open("/").join("dan");
		List<String> many = IntStream.rangeClosed(1, 39).mapToObj((i) -> "room-%02d".formatted(i)).toList();
		dan.driver().executeScript("localStorage.setItem('socket-chat.rooms', JSON.stringify(arguments[0]));", many);
		dan.reload();
		dan.awaitState("live");
		assertThat(dan.rooms()).containsExactlyElementsOf(Stream.concat(Stream.of("general"), many.stream()).toList());

		assertThat(dan.tryRoomName("one-too-many"))
			.isEqualTo("You are in 40 rooms, the most the page can follow. Leave one to join another.");
		dan.leaveRoom("room-39");
		dan.joinRoom("one-more");
		dan.send("Heard in the 40th room");
		dan.awaitMessage("Heard in the 40th room");

		dan.phoneSize();
		assertThat(dan.showsRoomList()).as("folded away on a phone").isFalse();
		assertThat(dan.overflowsSideways()).isFalse();
		dan.toggleRoomList();
		assertThat(dan.showsRoomList()).isTrue();
		dan.screenshot("10-phone-rooms");
		dan.openRoom("general");
		assertThat(dan.showsRoomList()).as("folded again once a room is picked").isFalse();
		assertThat(dan.problems()).isEmpty();
	}

	/**
	 * Behind several servers a broadcast can be overtaken by another server's: stored
	 * first, it arrives second. Made here by storing one without a broadcast, then sending
	 * another that is broadcast; the connection drops before the first could arrive.
	 */
	@Test
	void aMessageOvertakenJustBeforeTheConnectionDroppedIsReadOnceItIsBack() throws InterruptedException {
		ChatPage alice = open("/#/relay").join("alice");
		try (ChatClient bob = this.server.connect("bob")) {
			say(bob, "relay", "Before");
			alice.awaitMessage("Before");
			long overtaken = this.jdbc.queryForObject("INSERT INTO messages (room, username, content, created_at)"
					+ " VALUES ('relay', 'carol', 'Overtaken on its way', ?) RETURNING id", Long.class,
					System.currentTimeMillis());
			say(bob, "relay", "Overtook it");
			alice.awaitMessage("Overtook it");
			Thread.sleep(QUIET.toMillis());
			assertThat(alice.messages()).extracting(Shown::text).doesNotContain("Overtaken on its way");

			alice.goOffline();
			alice.awaitState("reconnecting");
			alice.goOnline();
			alice.awaitState("live");

			assertThat(alice.awaitMessage("Overtaken on its way").id()).isEqualTo(overtaken);
			assertThat(alice.messages()).extracting(Shown::text)
				.containsExactly("Before", "Overtaken on its way", "Overtook it");
			assertThat(alice.problems()).isEmpty();
		}
	}

	private static void say(ChatClient client, String room, String line) {
		client.sendTo("/app/rooms/" + room + "/chat", JsonMapper.shared().createObjectNode().put("content", line).toString());
	}

	private ChatPage open(String pathAndHash) {
		return ChatPage.open(chromium.open(), this.server.url(pathAndHash));
	}

	private static List<String> textsAfter(List<Shown> shown, long id) {
		return shown.stream().filter((message) -> message.id() > id).map(Shown::text).toList();
	}

}
