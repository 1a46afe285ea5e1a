package org.socketchat.chat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketchat.TemporaryDatabase;
import org.socketchat.chat.ChatProperties.GroupCommit;
import org.socketchat.chat.MessageRepository.Draft;
import org.socketchat.chat.MessageRepository.Saved;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Group commit against a real SQLite file, with a repository that records each insert. */
class MessageWriterTests {

	JdbcTemplate jdbc;

	final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

	final CountDownLatch firstInsertStarted = new CountDownLatch(1);

	final CountDownLatch firstInsertMayFinish = new CountDownLatch(1);

	MessageWriter writer;

	@BeforeEach
	void setUp(@TempDir Path dir) {
		this.jdbc = TemporaryDatabase.withSchema(dir);
	}

	@AfterEach
	void stop() {
		if (this.writer != null && this.writer.isRunning()) {
			this.writer.stop();
		}
	}

	@Test
	void sendsThatArriveDuringAnInsertGoTogetherInTheNextWithIdsInArrivalOrder() throws Exception {
		this.writer = start(true, new RecordingRepository(this.jdbc, true));
		CompletableFuture<Saved> first = write(new Draft("a", "first", null));
		assertThat(this.firstInsertStarted.await(10, TimeUnit.SECONDS)).isTrue();
		List<CompletableFuture<Saved>> waiting = IntStream.range(0, 50)
			.mapToObj((i) -> write(new Draft("a", "m" + i, "c" + i)))
			.toList();
		this.firstInsertMayFinish.countDown();

		first.get(10, TimeUnit.SECONDS);
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < waiting.size(); i++) {
			Saved saved = waiting.get(i).get(10, TimeUnit.SECONDS);
			assertThat(saved.created()).isTrue();
			assertThat(saved.message().content()).isEqualTo("m" + i);
			ids.add(saved.message().id());
		}
		assertThat(ids).isSorted();
		assertThat(this.batchSizes).containsExactly(1, 50);
	}

	@Test
	void aFailedInsertFailsEverySendInItAndTheNextOneWorks() throws Exception {
		this.writer = start(true, new RecordingRepository(this.jdbc, false));
		this.jdbc.execute("ALTER TABLE messages RENAME TO away");
		CompletableFuture<Saved> lost = write(new Draft("a", "lost", "x"));
		assertThat(lost).failsWithin(10, TimeUnit.SECONDS)
			.withThrowableThat()
			.withCauseInstanceOf(DataAccessException.class);

		this.jdbc.execute("ALTER TABLE away RENAME TO messages");
		assertThat(write(new Draft("a", "lost", "x")).get(10, TimeUnit.SECONDS).created()).isTrue();
	}

	@Test
	void stopWritesWhatIsQueuedAndThenRefusesNewSends() throws Exception {
		this.writer = start(true, new RecordingRepository(this.jdbc, true));
		List<CompletableFuture<Saved>> queued = IntStream.range(0, 20)
			.mapToObj((i) -> write(new Draft("a", "m" + i, null)))
			.toList();
		this.firstInsertMayFinish.countDown();
		this.writer.stop();

		assertThat(queued).allSatisfy((result) -> assertThat(result).isCompleted());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM messages", Integer.class)).isEqualTo(20);
		assertThat(write(new Draft("a", "late", null))).isCompletedExceptionally();
	}

	@Test
	void withoutGroupCommitEachSendIsWrittenAtOnceOnTheCallersThread() {
		this.writer = new MessageWriter(new RecordingRepository(this.jdbc, false), properties(false));
		assertThat(write(new Draft("a", "now", null))).isCompleted();
		assertThat(this.batchSizes).containsExactly(1);
	}

	private CompletableFuture<Saved> write(Draft draft) {
		CompletableFuture<Saved> result = new CompletableFuture<>();
		this.writer.write(draft, new MessageWriter.Callback() {
			@Override
			public void stored(Saved saved) {
				result.complete(saved);
			}

			@Override
			public void failed(Exception reason) {
				result.completeExceptionally(reason);
			}
		});
		return result;
	}

	private MessageWriter start(boolean groupCommit, MessageRepository repository) {
		MessageWriter started = new MessageWriter(repository, properties(groupCommit));
		started.start();
		return started;
	}

	private static ChatProperties properties(boolean groupCommit) {
		return new ChatProperties(2000, new GroupCommit(groupCommit, 500, 1000));
	}

	/** Records batch sizes; optionally holds the first insert so later sends queue up. */
	private final class RecordingRepository extends MessageRepository {

		private final boolean holdFirstInsert;

		RecordingRepository(JdbcTemplate jdbc, boolean holdFirstInsert) {
			super(jdbc);
			this.holdFirstInsert = holdFirstInsert;
		}

		@Override
		List<Saved> saveAll(List<Draft> drafts) {
			if (this.holdFirstInsert && MessageWriterTests.this.batchSizes.isEmpty()) {
				await();
			}
			MessageWriterTests.this.batchSizes.add(drafts.size());
			return super.saveAll(drafts);
		}

		private void await() {
			MessageWriterTests.this.firstInsertStarted.countDown();
			try {
				MessageWriterTests.this.firstInsertMayFinish.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
