package org.socketchat.web;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketchat.TemporaryDatabase;
import org.socketchat.TestChatServer;
import org.socketchat.web.ChatPage.Shown;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Scrolling back through a long history in Chromium: page after page appears above what
 * the reader is looking at, which stays put, down to the beginning; in general and in
 * another room, each with another room's messages between its own. An application of its
 * own, so the beginning is this test's first message in the room.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class ScrollBackBrowserTests {

	private static final int STORED = 2_000;

	private static final int PAGE = 100;

	private static final String BEGINNING = "This is the beginning of the conversation.";

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

	@ParameterizedTest(name = "in {0}")
	@ValueSource(strings = { "general", "history" })
	void scrollingBackShowsEveryEarlierMessageOnceInOrderWithoutMovingWhatIsReadDownToTheBeginning(String room)
			throws SQLException {
		List<String> history = IntStream.rangeClosed(1, STORED).mapToObj((i) -> "History line " + i).toList();
		store(room, history);
		ChatPage dave = ChatPage.open(chromium.open(), TestChatServer.of(this.context).url("/#/" + room))
			.join("dave");
		dave.awaitMessage("History line " + STORED);
		assertThat(dave.messages()).hasSize(PAGE);
		assertThat(dave.historyEdge()).isEmpty();

		for (int shown = PAGE; shown < STORED; shown += PAGE) {
			Shown top = dave.messages().get(0);
			double before = dave.scrollToOldestReturningTopOf(top.id());
			dave.awaitMessagesShown(shown + PAGE);
			assertThat(dave.topOf(top.id())).as("where the message read before stays on the screen")
				.isCloseTo(before, within(1.0));
		}

		dave.scrollToOldest();
		dave.awaitHistoryEdge(BEGINNING);
		List<Shown> shown = dave.messages();
		assertThat(shown).extracting(Shown::id).doesNotHaveDuplicates().isSorted();
		assertThat(shown).extracting(Shown::text).containsExactlyElementsOf(history);
		String backlog = "general".equals(room) ? "/api/messages" : "/api/rooms/" + room + "/messages";
		assertThat(dave.requested(backlog + "?before=")).hasSize(STORED / PAGE);
		assertThat(dave.problems()).isEmpty();
		dave.screenshot("07-beginning-of-the-conversation-in-" + room);
	}

	/**
	 * Stored straight into the file, as a long-running chat would have them: each line in the
	 * room followed by one in another, so the room's ids have gaps.
	 */
	private void store(String room, List<String> lines) throws SQLException {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + this.databaseFile);
				PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO messages (room, username, content, created_at) VALUES (?, ?, ?, ?)")) {
			connection.setAutoCommit(false);
			long start = System.currentTimeMillis() - lines.size() * 60_000L;
			for (int i = 0; i < lines.size(); i++) {
				for (String where : List.of(room, "elsewhere")) {
					insert.setString(1, where);
					insert.setString(2, (i % 3 == 0) ? "ana" : "ben");
					insert.setString(3, where.equals(room) ? lines.get(i) : "Elsewhere, " + lines.get(i));
					insert.setLong(4, start + i * 60_000L);
					insert.addBatch();
				}
			}
			insert.executeBatch();
			connection.commit();
		}
	}

}
