package org.socketchat.web;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.socketchat.ChatClient;
import org.socketchat.TemporaryDatabase;
import org.socketchat.TestChatServer;
import org.socketchat.web.ChatPage.Shown;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.CHAT;

/**
 * The chat page in real headless Chromium windows against the running application:
 * what two people see while they chat, drop offline, reload and make mistakes.
 * Screenshots of the main states land in {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		// The history tests seed hundreds of lines from one plain client.
		properties = { "server.address=127.0.0.1", "chat.storage.busy-timeout=2s", "chat.limits.message-burst=1000" })
class ChatPageBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TemporaryDatabase.register(registry);
	}

	@Value("${chat.storage.file}")
	Path databaseFile;

	@Autowired
	ApplicationContext context;

	TestChatServer server;

	@BeforeEach
	void nobodyIsOnline() {
		this.server = TestChatServer.of(this.context);
		// Presence counts start from zero.
		this.server.awaitConnected(0);
	}

	@Test
	void twoPeopleChatBothWaysUnderTheirNicknames() {
		ChatPage alice = open();
		assertThat(alice.asksForNickname()).isTrue();
		alice.screenshot("01-first-visit");
		alice.join("alice");
		assertThat(alice.typesIntoComposer()).as("ready to type once joined").isTrue();
		ChatPage bob = open().join("bob");

		alice.send("Hi Bob! The new chat page is up.");
		Shown toBob = bob.awaitMessage("Hi Bob! The new chat page is up.");
		bob.send("Looks great.", "Shift+Enter gives a second line.");
		Shown toAlice = alice.awaitMessage("Looks great.\nShift+Enter gives a second line.");

		assertThat(toBob.author()).isEqualTo("alice");
		assertThat(toBob.own()).isFalse();
		assertThat(bob.announced()).as("read out to screen readers").contains("alice: Hi Bob! The new chat page is up.");
		assertThat(alice.awaitMessage("Hi Bob! The new chat page is up.").own()).isTrue();
		assertThat(toAlice.author()).isEqualTo("bob");
		assertThat(toAlice.own()).isFalse();
		assertThat(toAlice.id()).isGreaterThan(toBob.id());
		assertThat(alice.composerText()).isEmpty();
		assertThat(alice.outbox()).isEmpty();
		assertThat(alice.transport()).isEqualTo("websocket");
		assertThat(alice.problems()).as("script errors and policy violations").isEmpty();
		assertThat(bob.problems()).isEmpty();

		String longWord = "Supercalifragilistic".repeat(8);
		alice.send("A long word wraps: " + longWord);
		bob.awaitMessage("A long word wraps: " + longWord);
		alice.screenshot("02-chatting-light");
		alice.darkColorScheme();
		alice.screenshot("03-chatting-dark");
		bob.phoneSize();
		assertThat(bob.overflowsSideways()).isFalse();
		bob.screenshot("04-phone");
	}

	@Test
	void everyoneSeesWhoJoinsAndLeavesAndHowManyAreOnline() {
		ChatPage alice = open().join("alice");
		alice.awaitOnline(1);

		ChatPage bob = open().join("bob");
		alice.awaitNotice("bob joined");
		alice.awaitOnline(2);
		assertThat(bob.online()).isEqualTo(2);

		chromium.close(bob.driver());
		alice.awaitNotice("bob left");
		alice.awaitOnline(1);
	}

	@Test
	void hostileHtmlIsShownAsTextAndNeverRuns() {
		String attack = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script><b>bold?</b>";
		ChatPage bob = open().join("bob");
		ChatPage mallory = open().join("<i>mallory</i>");

		mallory.send(attack);
		Shown shown = bob.awaitMessage(attack);

		assertThat(shown.author()).isEqualTo("<i>mallory</i>");
		bob.awaitNotice("<i>mallory</i> joined");
		mallory.awaitMessage(attack);
		for (ChatPage page : List.of(bob, mallory)) {
			assertThat(page.countInMessages("img, script, b, i")).isZero();
			assertThat(page.title()).isEqualTo("socket-chat");
		}
	}

	@Test
	void aWindowBackFromOfflineShowsEveryMissedMessageOnceInOrderWithoutReloading() {
		ChatPage alice = open().join("alice");
		ChatPage bob = open().join("bob");
		bob.send("Going into the tunnel?");
		long lastSeen = alice.awaitMessage("Going into the tunnel?").id();
		alice.markDocument();

		alice.goOffline();
		alice.awaitState("reconnecting");
		bob.awaitNotice("alice left");
		bob.awaitOnline(1);
		assertThat(alice.canType()).isFalse();

		List<String> missed = new ArrayList<>(List.of("Missed one", "Missed two", "Missed three"));
		missed.forEach(bob::send);
		bob.awaitMessage("Missed three");
		try (ChatClient carol = this.server.connect("carol")) {
			// More than one page of backlog (100), so catching up has to read page after page.
			List<String> whileAway = IntStream.rangeClosed(1, 120).mapToObj((i) -> "While alice is away, #" + i).toList();
			whileAway.forEach((line) -> carol.send(line, null));
			awaitStored(carol, whileAway);
			missed.addAll(whileAway);
			bob.awaitMessage(missed.get(missed.size() - 1));
			assertThat(alice.banner()).startsWith("You are offline. Reconnecting");
			alice.screenshot("05-reconnecting");
			assertThat(alice.messages()).extracting(Shown::text).doesNotContainAnyElementsOf(missed);

			alice.goOnline();
			// Carol goes on talking while alice catches up, so some messages reach alice
			// both live and from the backlog: each must still show once.
			List<String> meanwhile = new ArrayList<>();
			while (!"live".equals(alice.state()) && meanwhile.size() < 1000) {
				meanwhile.add("While alice catches up, #" + (meanwhile.size() + 1));
				carol.send(meanwhile.get(meanwhile.size() - 1), null);
			}
			awaitStored(carol, meanwhile);
			missed.addAll(meanwhile);
		}
		alice.awaitState("live");
		alice.awaitMessage(missed.get(missed.size() - 1));

		List<Shown> shown = alice.messages();
		assertThat(shown).extracting(Shown::id).doesNotHaveDuplicates().isSorted();
		assertThat(textsAfter(shown, lastSeen)).containsExactlyElementsOf(missed);
		assertThat(alice.isMarkedDocument()).as("the same document, not a reload").isTrue();
		assertThat(alice.lowestSince("/api/messages")).as("the backlog read from at most the last id shown")
			.isLessThanOrEqualTo(lastSeen);
		assertThat(alice.canType()).isTrue();
		bob.awaitOnline(2);
	}

	@Test
	void aReloadShowsTheHistoryOnceAndKeepsTheNickname() {
		ChatPage alice = open().join("alice");
		ChatPage bob = open().join("bob");
		List<String> said = List.of("Reload check: one", "Reload check: two", "Reload check: three");
		said.forEach(alice::send);
		bob.awaitMessage("Reload check: three");

		bob.reload();
		assertThat(bob.asksForNickname()).isFalse();
		bob.awaitState("live");
		assertThat(bob.nickname()).isEqualTo("bob");
		bob.awaitMessage("Reload check: three");
		alice.send("Reload check: after");
		bob.awaitMessage("Reload check: after");

		List<Shown> shown = bob.messages();
		assertThat(shown).extracting(Shown::id).doesNotHaveDuplicates().isSorted();
		assertThat(shown).extracting(Shown::text)
			.filteredOn((text) -> text.startsWith("Reload check: "))
			.containsExactly("Reload check: one", "Reload check: two", "Reload check: three", "Reload check: after");
	}

	@Test
	void theNicknameCanBeChangedAndIsRemembered() {
		ChatPage alice = open().join("alice");
		ChatPage bob = open().join("bob");

		bob.changeNickname("robert");
		alice.awaitNotice("robert joined");
		bob.send("Call me Robert from now on");

		assertThat(alice.awaitMessage("Call me Robert from now on").author()).isEqualTo("robert");
		bob.reload();
		assertThat(bob.asksForNickname()).isFalse();
		bob.awaitState("live");
		assertThat(bob.nickname()).isEqualTo("robert");
	}

	@Test
	void theServerSaysWhatIsWrongWithANicknameBeyondItsLength() {
		ChatPage alice = open();
		String bell = "al\u0007ice";

		assertThat(alice.tryNickname("x".repeat(33))).isEqualTo("A nickname has at most 32 characters.");
		assertThat(alice.state()).as("not even tried").isEqualTo("idle");
		assertThat(alice.tryNickname(bell)).isEqualTo(this.server.connectRefused(bell));
		assertThat(alice.state()).isEqualTo("refused");
		alice.join("alice");
	}

	@Test
	void aNewcomerSeesTheNewestPageOfHistory() {
		List<String> history = IntStream.rangeClosed(1, 130).mapToObj((i) -> "History line " + i).toList();
		sayAndAwaitStored("carol", history);

		ChatPage dave = open().join("dave");
		dave.awaitMessage("History line 130");

		assertThat(dave.messages()).extracting(Shown::text).containsExactlyElementsOf(history.subList(30, 130));
		assertThat(dave.showsTheNewest()).isTrue();

		dave.scrollToOldest();
		sayAndAwaitStored("carol", List.of("While dave reads old messages"));
		dave.awaitMessage("While dave reads old messages");
		assertThat(dave.showsTheNewest()).as("a reader who scrolled up keeps the place").isFalse();
		assertThat(dave.hintsAtNewMessages()).isTrue();
		dave.followNewMessagesHint();
		assertThat(dave.showsTheNewest()).isTrue();
		assertThat(dave.hintsAtNewMessages()).isFalse();
	}

	@Test
	void aBurstShowsWholeAndInOrderThoughSeveralFramesShareAMessage() {
		ChatPage alice = open().join("alice");
		// Counts the WebSocket messages stomp.js split into more than one frame.
		alice.driver()
			.executeScript("window.socketChatTestShared = 0; const split = Stomp.Frame.unmarshall;"
					+ "Stomp.Frame.unmarshall = (data) => { const read = split(data);"
					+ " if (read.frames.length > 1) window.socketChatTestShared++; return read; };");
		List<String> burst = IntStream.rangeClosed(1, 300).mapToObj((i) -> "Burst line " + i).toList();
		sayAndAwaitStored("carol", burst);
		alice.awaitMessage("Burst line 300");

		List<Shown> shown = alice.messages();
		assertThat(shown).extracting(Shown::id).doesNotHaveDuplicates().isSorted();
		assertThat(shown).extracting(Shown::text).containsSubsequence(burst).containsAll(burst);
		assertThat((Long) alice.driver().executeScript("return window.socketChatTestShared;"))
			.as("messages that carried several frames")
			.isPositive();
		assertThat(alice.problems()).isEmpty();
	}

	@Test
	void aSendTheServerRefusesShowsItsErrorOnThatMessage() {
		ChatPage alice = open().join("alice");
		ChatPage bob = open().join("bob");
		String tooLong = "Far too long. ".repeat(143);

		alice.paste(tooLong.substring(0, 1790));
		assertThat(alice.counter()).as("no counter far from the limit").isEmpty();
		alice.type(tooLong.substring(1790, 1812));
		assertThat(alice.counter()).isEqualTo("1,812 / 2,000");
		alice.paste(tooLong.substring(1812));
		alice.type(Keys.ENTER.toString());
		Shown refused = alice.awaitRefused(tooLong);

		assertThat(refused.problem()).isEqualTo("Content must be at most 2000 characters");
		alice.onRefused(tooLong, "Edit");
		assertThat(alice.outbox()).isEmpty();
		assertThat(alice.composerText()).isEqualTo(tooLong);
		assertThat(alice.counter()).isEqualTo("2,001 / 2,000");
		assertThat(alice.counterSaysOverLimit()).isTrue();
		alice.type(Keys.chord(Keys.CONTROL, "a") + "Shorter now" + Keys.ENTER);
		bob.awaitMessage("Shorter now");
		assertThat(bob.messages()).extracting(Shown::text).doesNotContain(tooLong.strip());
	}

	@Test
	void aSendTheDatabaseCouldNotStoreIsRetriedWithTheSameClientId() throws SQLException {
		ChatPage alice = open().join("alice");
		ChatPage bob = open().join("bob");
		String text = "This one meets a locked database";

		Shown sending;
		try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + this.databaseFile);
				Statement statement = lock.createStatement()) {
			statement.execute("BEGIN EXCLUSIVE");
			alice.send(text);
			sending = alice.outbox().get(0);
			assertThat(sending.text()).isEqualTo(text);
			assertThat(sending.problem()).as("pending, not refused yet").isEmpty();
			assertThat(alice.awaitRefused(text).problem()).isEqualTo("Message could not be stored, please retry");
			alice.screenshot("06-error-on-message");
			statement.execute("ROLLBACK");
		}
		alice.onRefused(text, "Retry");

		assertThat(alice.awaitMessage(text).own()).isTrue();
		assertThat(alice.outbox()).isEmpty();
		long id = bob.awaitMessage(text).id();
		JsonNode stored = this.server.messagesSince(id - 1).get(0);
		assertThat(stored.get("content").asString()).isEqualTo(text);
		assertThat(stored.get("clientId").asString()).isEqualTo(sending.clientId());
	}

	private ChatPage open() {
		return ChatPage.open(chromium.open(), this.server.url("/"));
	}

	/** Someone on a plain STOMP client says each line; returns once all are stored. */
	private void sayAndAwaitStored(String username, List<String> lines) {
		try (ChatClient client = this.server.connect(username)) {
			lines.forEach((line) -> client.send(line, null));
			awaitStored(client, lines);
		}
	}

	private static void awaitStored(ChatClient client, List<String> lines) {
		// Stored in the order sent, but broadcasts may overtake each other.
		List<String> stored = lines.stream().map((line) -> client.next(CHAT).get("content").asString()).toList();
		assertThat(stored).containsExactlyInAnyOrderElementsOf(lines);
	}

	private static List<String> textsAfter(List<Shown> shown, long id) {
		return shown.stream().filter((message) -> message.id() > id).map(Shown::text).toList();
	}

}
