package org.socketchat.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socketchat.chat.MessageRepository.Draft;
import org.socketchat.chat.MessageRepository.RoomActivity;
import org.socketchat.chat.MessageRepository.Saved;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The repository's SQL against a real database made by the real migrations, once per kind
 * of database: each subclass provides one.
 */
abstract class MessageRepositoryTests {

	private static final String GENERAL = "general";

	JdbcTemplate jdbc;

	MessageRepository repository;

	/** A database at the current schema, without messages. */
	abstract JdbcTemplate emptyDatabase();

	@BeforeEach
	void setUp() {
		this.jdbc = emptyDatabase();
		this.repository = new MessageRepository(this.jdbc);
	}

	@Test
	void saveReturnsTheStoredRowWithAGrowingId() {
		Instant before = Instant.now().minusMillis(1);
		ChatMessage first = save("alice", "one", "c1").message();
		ChatMessage second = save("bob", "two", null).message();

		assertThat(first.id()).isPositive();
		assertThat(second.id()).isGreaterThan(first.id());
		assertThat(first.username()).isEqualTo("alice");
		assertThat(first.content()).isEqualTo("one");
		assertThat(first.clientId()).isEqualTo("c1");
		assertThat(second.clientId()).isNull();
		assertThat(first.createdAt()).isAfter(before).isBeforeOrEqualTo(Instant.now());
	}

	@Test
	void aKnownClientIdStoresNothingAndReturnsTheEarlierRow() {
		Saved original = save("alice", "one", "c1");
		Saved retry = save("alice", "one, edited", "c1");

		assertThat(original.created()).isTrue();
		assertThat(retry.created()).isFalse();
		assertThat(retry.message()).isEqualTo(original.message());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM messages", Integer.class)).isEqualTo(1);
	}

	@Test
	void anotherSendersEqualClientIdIsANewMessage() {
		Saved alices = save("alice", "one", "same");
		Saved bobs = save("bob", "two", "same");
		Saved retry = save("alice", "one again", "same");

		assertThat(alices.created()).isTrue();
		assertThat(bobs.created()).isTrue();
		assertThat(bobs.message().id()).isGreaterThan(alices.message().id());
		assertThat(bobs.message().content()).isEqualTo("two");
		assertThat(retry.created()).isFalse();
		assertThat(retry.message()).isEqualTo(alices.message());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM messages", Integer.class)).isEqualTo(2);
	}

	@Test
	void messagesWithoutClientIdNeverConflict() {
		assertThat(save("a", "x", null).created()).isTrue();
		assertThat(save("a", "x", null).created()).isTrue();
	}

	@Test
	void findSinceReturnsLaterMessagesOldestFirstUpToTheLimit() {
		List<Long> ids = saveFive();

		assertThat(ids(this.repository.findSince(GENERAL, ids.get(1), 100))).containsExactlyElementsOf(ids.subList(2, 5));
		assertThat(ids(this.repository.findSince(GENERAL, ids.get(1), 2))).containsExactlyElementsOf(ids.subList(2, 4));
		assertThat(this.repository.findSince(GENERAL, ids.get(4), 100)).isEmpty();
		assertThat(ids(this.repository.findSince(GENERAL, 0, 100))).containsExactlyElementsOf(ids);
	}

	@Test
	void findBeforeReturnsTheMessagesJustBeforeOldestFirstUpToTheLimit() {
		List<Long> ids = saveFive();
		assertThat(ids(this.repository.findBefore(GENERAL, ids.get(3), 100))).containsExactlyElementsOf(ids.subList(0, 3));
		assertThat(ids(this.repository.findBefore(GENERAL, ids.get(3), 2))).containsExactlyElementsOf(ids.subList(1, 3));
		assertThat(this.repository.findBefore(GENERAL, ids.get(0), 100)).isEmpty();
		assertThat(ids(this.repository.findBefore(GENERAL, ids.get(4) + 1, 100))).containsExactlyElementsOf(ids);
	}

	@Test
	void findLatestReturnsTheNewestOldestFirst() {
		List<Long> ids = saveFive();

		assertThat(ids(this.repository.findLatest(GENERAL, 2))).containsExactlyElementsOf(ids.subList(3, 5));
		assertThat(ids(this.repository.findLatest(GENERAL, 100))).containsExactlyElementsOf(ids);
	}

	@Test
	void idsAreNeverReusedEvenAfterTheNewestRowIsDeleted() {
		long last = saveFive().get(4);
		this.jdbc.execute("DELETE FROM messages WHERE id = " + last);

		assertThat(save("a", "next", null).message().id()).isGreaterThan(last);
	}

	@Test
	void unicodeIsStoredExactly() {
		String text = "naïve 😀 日本語 \u200d\n<tag> 'quote' \"dq\"";
		long id = save("zoë", text, null).message().id();
		ChatMessage read = this.repository.findSince(GENERAL, id - 1, 1).get(0);
		assertThat(read.content()).isEqualTo(text);
		assertThat(read.username()).isEqualTo("zoë");
	}

	@Test
	void aBatchGetsOneResultPerDraftInOrderWithGrowingIds() {
		save("u3", "earlier", "known");
		List<Saved> results = this.repository.saveAll(List.of(draft("u1", "one", null), draft("u2", "two", "c2"),
				draft("u3", "retry", "known"), draft("u4", "four", null), draft("u2", "twice", "c2"),
				draft("u6", "six", "c6")));

		assertThat(results).extracting(Saved::created).containsExactly(true, true, false, true, false, true);
		assertThat(results).extracting((r) -> r.message().content())
			.containsExactly("one", "two", "earlier", "four", "two", "six");
		List<Long> newIds = results.stream().filter(Saved::created).map((r) -> r.message().id()).toList();
		assertThat(newIds).isSorted().doesNotHaveDuplicates();
		assertThat(results.get(4).message()).isEqualTo(results.get(1).message());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM messages", Integer.class)).isEqualTo(5);
	}

	@Test
	void inOneBatchAClientIdIsAKeyOfItsSenderOnly() {
		ChatMessage earlier = save("alice", "earlier", "known").message();
		List<Saved> results = this.repository.saveAll(List.of(draft("alice", "a1", "same"),
				draft("bob", "b1", "same"), draft("bob", "b2", null), draft("bob", "b3", "known"),
				draft("alice", "a2", "same"), draft("alice", "a3", "known"), draft("carol", "c1", null)));

		assertThat(results).extracting(Saved::created).containsExactly(true, true, true, true, false, false, true);
		assertThat(results).extracting((r) -> r.message().content())
			.containsExactly("a1", "b1", "b2", "b3", "a1", "earlier", "c1");
		assertThat(results).extracting((r) -> r.message().username())
			.containsExactly("alice", "bob", "bob", "bob", "alice", "alice", "carol");
		assertThat(results.get(4).message()).isEqualTo(results.get(0).message());
		assertThat(results.get(5).message()).isEqualTo(earlier);
		assertThat(results.get(2).message().clientId()).isNull();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM messages", Integer.class)).isEqualTo(6);
	}

	@Test
	void aBatchOfFiveHundredIsOneInsert() {
		List<Draft> drafts = java.util.stream.IntStream.range(0, 500)
			.mapToObj((i) -> draft("u", "m" + i, (i % 2 == 0) ? "c" + i : null))
			.toList();
		List<Saved> results = this.repository.saveAll(drafts);
		assertThat(results).extracting((r) -> r.message().content())
			.containsExactlyElementsOf(drafts.stream().map(Draft::content).toList());
		assertThat(results).extracting((r) -> r.message().id()).isSorted();
	}

	@Test
	void eachRoomHasItsOwnHistoryAndAnyoneCanStartOne() {
		List<Long> general = saveFive();
		List<Long> music = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			music.add(save("music", "u", "tune " + i, null).message().id());
			save(GENERAL, "u", "chat " + i, null);
		}

		assertThat(this.repository.findLatest("music", 100)).extracting(ChatMessage::room).containsOnly("music");
		assertThat(ids(this.repository.findLatest("music", 3))).containsExactlyElementsOf(music.subList(2, 5));
		assertThat(ids(this.repository.findSince("music", general.get(4), 100))).containsExactlyElementsOf(music);
		assertThat(ids(this.repository.findSince("music", music.get(1), 2))).containsExactlyElementsOf(music.subList(2, 4));
		assertThat(ids(this.repository.findBefore("music", music.get(3), 2))).containsExactlyElementsOf(music.subList(1, 3));
		assertThat(ids(this.repository.findBefore(GENERAL, music.get(0), 100))).containsExactlyElementsOf(general);
		assertThat(this.repository.findLatest("nobody-here", 100)).isEmpty();
	}

	@Test
	void roomsAreListedWithTheirCountAndNewestMessageMostRecentFirst() {
		save("music", "u", "one", "k1");
		save(GENERAL, "u", "two", null);
		save("music", "u", "three", null);
		Saved retry = save("music", "u", "one again", "k1");
		ChatMessage newest = save("books", "u", "four", null).message();

		assertThat(retry.created()).isFalse();
		assertThat(this.repository.findRoomsByActivity(10)).extracting(RoomActivity::name, RoomActivity::messageCount)
			.containsExactlyInAnyOrder(tuple("books", 1L), tuple("music", 2L), tuple(GENERAL, 1L));
		assertThat(this.repository.findRoomsByActivity(10)).filteredOn((room) -> room.name().equals("books"))
			.singleElement()
			.extracting(RoomActivity::lastMessageAt)
			.isEqualTo(newest.createdAt());
		// Apart by more than the clock's millisecond, so the order is certain.
		this.jdbc.execute("UPDATE rooms SET last_message_at = CASE name WHEN 'books' THEN 3000 WHEN 'music' THEN 2000"
				+ " ELSE 1000 END");
		assertThat(this.repository.findRoomsByActivity(10)).extracting(RoomActivity::name)
			.containsExactly("books", "music", GENERAL);
		assertThat(this.repository.findRoomsByActivity(2)).extracting(RoomActivity::name).containsExactly("books", "music");
	}

	/**
	 * Read as the database plans the repository's own queries: a page, or the room list,
	 * must never scan a table, however big it grows.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			since  | messages_room_id
			before | messages_room_id
			latest | messages_room_id
			rooms  | rooms_by_activity
			""")
	void everyPageWalksAnIndex(String query, String index) {
		List<String> plan = switch (query) {
			case "since" -> plan(MessageRepository.FIND_SINCE, "music", 5, 10);
			case "before" -> plan(MessageRepository.FIND_BEFORE, "music", 5, 10);
			case "latest" -> plan(MessageRepository.FIND_LATEST, "music", 10);
			default -> plan(MessageRepository.FIND_ROOMS, 10);
		};
		assertThat(plan).anyMatch((step) -> step.contains("USING INDEX " + index))
			.noneMatch((step) -> step.startsWith("SCAN messages") || step.equals("SCAN rooms"));
	}

	private List<String> plan(String query, Object... arguments) {
		return this.jdbc.query("EXPLAIN QUERY PLAN " + query, (rs, row) -> rs.getString("detail"), arguments);
	}

	private Saved save(String username, String content, String clientId) {
		return save(GENERAL, username, content, clientId);
	}

	private Saved save(String room, String username, String content, String clientId) {
		return this.repository.saveAll(List.of(new Draft(room, username, content, clientId))).get(0);
	}

	private List<Long> saveFive() {
		return List.of(1, 2, 3, 4, 5).stream().map((i) -> save("u", "m" + i, null).message().id()).toList();
	}

	private static Draft draft(String username, String content, String clientId) {
		return new Draft(GENERAL, username, content, clientId);
	}

	private static List<Long> ids(List<ChatMessage> messages) {
		return messages.stream().map(ChatMessage::id).toList();
	}

}
