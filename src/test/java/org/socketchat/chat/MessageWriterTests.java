package org.socketchat.chat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketchat.TemporaryDatabase;
import org.socketchat.chat.ChatProperties.GroupCommit;
import org.socketchat.chat.MessageRepository.Draft;
import org.socketchat.chat.MessageRepository.Saved;
import org.socketchat.chat.Outcome.Duplicate;
import org.socketchat.chat.Outcome.Failed;
import org.socketchat.chat.Outcome.Stored;
import org.socketchat.messaging.BrokerStatus;
import org.socketchat.messaging.ChatPrincipal;
import org.socketchat.messaging.ErrorCode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** Group commit against a real SQLite file; each send's outcome is recorded as answered. */
class MessageWriterTests {

	static final ChatPrincipal ALICE = new ChatPrincipal("alice-session", "alice");

	JdbcTemplate jdbc;

	final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

	final CountDownLatch firstInsertStarted = new CountDownLatch(1);

	final CountDownLatch firstInsertMayFinish = new CountDownLatch(1);

	final Map<Send, CompletableFuture<Outcome>> answers = new ConcurrentHashMap<>();

	final AtomicInteger answersToBreak = new AtomicInteger();

	final BrokerStatus broker = new BrokerStatus();

	MessageWriter writer;

	@BeforeEach
	void setUp(@TempDir Path dir) {
		this.jdbc = TemporaryDatabase.withSchema(dir);
		this.broker.changed(new BrokerAvailabilityEvent(true, this));
	}

	@AfterEach
	void stop() {
		if (this.writer != null && this.writer.isRunning()) {
			this.writer.stop();
		}
	}

	@Test
	void sendsThatArriveDuringAnInsertGoTogetherInTheNextWithIdsInArrivalOrder() throws Exception {
		this.writer = start(true, 1000, new RecordingRepository(this.jdbc, true));
		CompletableFuture<Outcome> first = write("first", null);
		assertThat(this.firstInsertStarted.await(10, TimeUnit.SECONDS)).isTrue();
		List<CompletableFuture<Outcome>> waiting = IntStream.range(0, 50).mapToObj((i) -> write("m" + i, "c" + i)).toList();
		this.firstInsertMayFinish.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(Stored.class);
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < waiting.size(); i++) {
			Stored stored = (Stored) waiting.get(i).get(10, TimeUnit.SECONDS);
			assertThat(stored.message().content()).isEqualTo("m" + i);
			ids.add(stored.message().id());
		}
		assertThat(ids).isSorted();
		assertThat(this.batchSizes).containsExactly(1, 50);
	}

	@Test
	void aRetriedClientIdIsADuplicateWithTheStoredMessage() throws Exception {
		this.writer = start(true, 1000, new RecordingRepository(this.jdbc, false));
		Stored stored = (Stored) write("once", "k").get(10, TimeUnit.SECONDS);
		assertThat(write("again", "k").get(10, TimeUnit.SECONDS)).isEqualTo(new Duplicate(stored.message()));
	}

	@Test
	void aFailedInsertFailsEverySendInItAndTheNextOneWorks() throws Exception {
		this.writer = start(true, 1000, new RecordingRepository(this.jdbc, false));
		this.jdbc.execute("ALTER TABLE messages RENAME TO away");
		assertThat(write("lost", "x").get(10, TimeUnit.SECONDS)).isEqualTo(Failed.NOT_STORED);

		this.jdbc.execute("ALTER TABLE away RENAME TO messages");
		assertThat(write("lost", "x").get(10, TimeUnit.SECONDS)).isInstanceOf(Stored.class);
	}

	@Test
	void anAnswerThatThrowsCostsOnlyThatAnswerAndTheWriterGoesOn() throws Exception {
		this.writer = start(true, 1000, new RecordingRepository(this.jdbc, false));
		this.answersToBreak.set(1);
		CompletableFuture<Outcome> broken = write("broker refused its broadcast", null);
		assertThat(write("next", null).get(10, TimeUnit.SECONDS)).isInstanceOf(Stored.class);
		assertThat(broken).isNotDone();
		assertThat(this.writer.isAlive()).isTrue();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM messages", Integer.class)).isEqualTo(2);
	}

	@Test
	void aRowThatCannotBeReadBackIsAnsweredNotStoredNotNull() throws Exception {
		this.writer = start(true, 1000, new RecordingRepository(this.jdbc, false) {
			@Override
			List<Saved> saveAll(List<Draft> drafts) {
				return drafts.stream().map((draft) -> new Saved(null, false)).toList();
			}
		});
		assertThat(write("vanished", "v").get(10, TimeUnit.SECONDS)).isEqualTo(Failed.NOT_STORED);
		assertThat(this.writer.isAlive()).isTrue();
	}

	@Test
	void aBusyDatabaseIsRetriedBeforeTheSenderIsTold() throws Exception {
		AtomicInteger busy = new AtomicInteger(MessageWriter.BUSY_RETRIES);
		this.writer = start(true, 1000, new RecordingRepository(this.jdbc, false) {
			@Override
			List<Saved> saveAll(List<Draft> drafts) {
				if (busy.getAndDecrement() > 0) {
					throw new IllegalStateException("SQLITE_BUSY: database is locked");
				}
				return super.saveAll(drafts);
			}
		});
		assertThat(write("patience", null).get(10, TimeUnit.SECONDS)).isInstanceOf(Stored.class);

		busy.set(MessageWriter.BUSY_RETRIES + 1);
		assertThat(write("too busy", null).get(10, TimeUnit.SECONDS)).isEqualTo(Failed.NOT_STORED);
	}

	@Test
	void aFullQueueAnswersEverySendItCannotTake() throws Exception {
		this.writer = start(true, 2, new RecordingRepository(this.jdbc, true));
		CompletableFuture<Outcome> first = write("first", null);
		assertThat(this.firstInsertStarted.await(10, TimeUnit.SECONDS)).isTrue();
		List<CompletableFuture<Outcome>> queued = List.of(write("q1", null), write("q2", null));
		CompletableFuture<Outcome> refused = write("one too many", null);

		assertThat(refused.get(10, TimeUnit.SECONDS)).isEqualTo(Failed.BUSY);
		this.firstInsertMayFinish.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(Stored.class);
		for (CompletableFuture<Outcome> send : queued) {
			assertThat(send.get(10, TimeUnit.SECONDS)).isInstanceOf(Stored.class);
		}
	}

	@Test
	void stopWritesWhatIsQueuedAndThenAnswersShuttingDown() throws Exception {
		this.writer = start(true, 1000, new RecordingRepository(this.jdbc, true));
		List<CompletableFuture<Outcome>> queued = IntStream.range(0, 20).mapToObj((i) -> write("m" + i, null)).toList();
		this.firstInsertMayFinish.countDown();
		this.writer.stop();

		assertThat(queued).allSatisfy((outcome) -> assertThat(outcome).isCompletedWithValueMatching(Stored.class::isInstance));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM messages", Integer.class)).isEqualTo(20);
		Outcome late = write("late", "l").get(10, TimeUnit.SECONDS);
		assertThat(late).isEqualTo(Failed.SHUTTING_DOWN);
		assertThat(((Failed) late).code()).isEqualTo(ErrorCode.SHUTTING_DOWN);
	}

	@Test
	void whileTheBrokerIsAwayNothingIsStoredAndTheSendersAreToldToRetry() {
		this.writer = start(true, 1000, new RecordingRepository(this.jdbc, false));
		this.broker.changed(new BrokerAvailabilityEvent(false, this));
		assertThat(write("lost on the way", "c1")).succeedsWithin(5, TimeUnit.SECONDS)
			.isEqualTo(Failed.BROKER_UNAVAILABLE)
			.extracting(Failed.class::cast)
			.extracting(Failed::code)
			.isEqualTo(ErrorCode.NOT_STORED);
		assertThat(this.batchSizes).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM messages", Integer.class)).isZero();

		this.broker.changed(new BrokerAvailabilityEvent(true, this));
		assertThat(write("lost on the way", "c1")).succeedsWithin(5, TimeUnit.SECONDS).isInstanceOf(Stored.class);
	}

	@Test
	void withoutGroupCommitEachSendIsWrittenAtOnceOnTheCallersThread() {
		this.writer = start(false, 1000, new RecordingRepository(this.jdbc, false));
		assertThat(write("now", null)).isCompletedWithValueMatching(Stored.class::isInstance);
		assertThat(this.batchSizes).containsExactly(1);
	}

	private CompletableFuture<Outcome> write(String content, String clientId) {
		Send send = new Send(ALICE, "general", content, clientId);
		CompletableFuture<Outcome> answer = new CompletableFuture<>();
		this.answers.put(send, answer);
		this.writer.write(send);
		return answer;
	}

	private MessageWriter start(boolean groupCommit, int queueCapacity, MessageRepository repository) {
		ChatProperties properties = new ChatProperties(2000, new GroupCommit(groupCommit, 500, queueCapacity));
		MessageWriter started = new MessageWriter(repository, properties, new RecordingReplies(), this.broker,
				new SimpleMeterRegistry());
		started.start();
		return started;
	}

	/** Completes each send's future with its outcome; breaks as many answers as asked. */
	private final class RecordingReplies extends SendReplies {

		RecordingReplies() {
			super(null, null);
		}

		@Override
		void answer(Send send, Outcome outcome) {
			if (MessageWriterTests.this.answersToBreak.getAndDecrement() > 0) {
				throw new MessageDeliveryException("the broker refused it");
			}
			MessageWriterTests.this.answers.get(send).complete(outcome);
		}

	}

	/** Records batch sizes; optionally holds the first insert so later sends queue up. */
	private class RecordingRepository extends MessageRepository {

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
