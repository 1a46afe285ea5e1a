package org.socketchat.chat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketchat.chat.MessageRepository.Saved;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository's SQL against a real SQLite file made from the real schema. */
class MessageRepositoryTests {

	JdbcTemplate jdbc;

	MessageRepository repository;

	@BeforeEach
	void setUp(@TempDir Path dir) {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + dir.resolve("t.db"),
				true);
		new ResourceDatabasePopulator(new ClassPathResource("db/schema.sql")).execute(dataSource);
		this.jdbc = new JdbcTemplate(dataSource);
		this.repository = new MessageRepository(this.jdbc);
	}

	@Test
	void saveReturnsTheStoredRowWithAGrowingId() {
		Instant before = Instant.now().minusMillis(1);
		ChatMessage first = this.repository.save("alice", "one", "c1").message();
		ChatMessage second = this.repository.save("bob", "two", null).message();

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
		Saved original = this.repository.save("alice", "one", "c1");
		Saved retry = this.repository.save("alice", "one, edited", "c1");

		assertThat(original.created()).isTrue();
		assertThat(retry.created()).isFalse();
		assertThat(retry.message()).isEqualTo(original.message());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM messages", Integer.class)).isEqualTo(1);
	}

	@Test
	void messagesWithoutClientIdNeverConflict() {
		assertThat(this.repository.save("a", "x", null).created()).isTrue();
		assertThat(this.repository.save("a", "x", null).created()).isTrue();
	}

	@Test
	void findSinceReturnsLaterMessagesOldestFirstUpToTheLimit() {
		List<Long> ids = saveFive();

		assertThat(ids(this.repository.findSince(ids.get(1), 100))).containsExactlyElementsOf(ids.subList(2, 5));
		assertThat(ids(this.repository.findSince(ids.get(1), 2))).containsExactlyElementsOf(ids.subList(2, 4));
		assertThat(this.repository.findSince(ids.get(4), 100)).isEmpty();
		assertThat(ids(this.repository.findSince(0, 100))).containsExactlyElementsOf(ids);
	}

	@Test
	void findLatestReturnsTheNewestOldestFirst() {
		List<Long> ids = saveFive();

		assertThat(ids(this.repository.findLatest(2))).containsExactlyElementsOf(ids.subList(3, 5));
		assertThat(ids(this.repository.findLatest(100))).containsExactlyElementsOf(ids);
	}

	@Test
	void idsAreNeverReusedEvenAfterTheNewestRowIsDeleted() {
		long last = saveFive().get(4);
		this.jdbc.execute("DELETE FROM messages WHERE id = " + last);

		assertThat(this.repository.save("a", "next", null).message().id()).isGreaterThan(last);
	}

	@Test
	void unicodeIsStoredExactly() {
		String text = "naïve 😀 日本語 \u200d\n<tag> 'quote' \"dq\"";
		long id = this.repository.save("zoë", text, null).message().id();
		ChatMessage read = this.repository.findSince(id - 1, 1).get(0);
		assertThat(read.content()).isEqualTo(text);
		assertThat(read.username()).isEqualTo("zoë");
	}

	private List<Long> saveFive() {
		return List.of(1, 2, 3, 4, 5).stream().map((i) -> this.repository.save("u", "m" + i, null).message().id()).toList();
	}

	private static List<Long> ids(List<ChatMessage> messages) {
		return messages.stream().map(ChatMessage::id).toList();
	}

}
