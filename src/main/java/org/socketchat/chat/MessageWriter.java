package org.socketchat.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.socketchat.chat.ChatProperties.GroupCommit;
import org.socketchat.chat.MessageRepository.Draft;
import org.socketchat.chat.MessageRepository.Saved;
import org.socketchat.chat.Outcome.Duplicate;
import org.socketchat.chat.Outcome.Failed;
import org.socketchat.chat.Outcome.Stored;
import org.socketchat.messaging.BrokerStatus;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Group commit: one thread writes every message, and the sends that arrive while an
 * insert runs go together in the next one. Under load a batch costs about what one
 * message did (one transaction on SQLite, one round trip on libSQL); when idle a send is
 * written at once, with no added wait. Each send gets its own {@link Outcome}, answered
 * in id order, so what is broadcast goes out in that order too. Nothing a batch does can
 * end the thread: a failure becomes the outcome of the sends it concerns.
 */
@Component
class MessageWriter implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(MessageWriter.class);

	static final int BUSY_RETRIES = 3;

	/** Starts before the web server (Boot's is {@code DEFAULT_PHASE - 2048}). */
	private static final int WRITER_PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

	private static final long BUSY_BACKOFF_MS = 20;

	private final MessageRepository repository;

	private final GroupCommit settings;

	private final SendReplies replies;

	private final BrokerStatus broker;

	private final BlockingQueue<Send> queue;

	private final Counter stored;

	private final Timer storeLatency;

	private final Timer broadcastLag;

	private volatile boolean running;

	private volatile Thread thread;

	MessageWriter(MessageRepository repository, ChatProperties properties, SendReplies replies, BrokerStatus broker,
			MeterRegistry meters) {
		this.repository = repository;
		this.settings = properties.groupCommit();
		this.replies = replies;
		this.broker = broker;
		this.queue = new ArrayBlockingQueue<>(this.settings.queueCapacity());
		Gauge.builder("chat.writer.queue", this.queue, BlockingQueue::size)
			.description("Sends waiting to be stored")
			.register(meters);
		this.stored = Counter.builder("chat.messages.stored").description("Messages stored").register(meters);
		this.storeLatency = Timer.builder("chat.store.latency")
			.description("From a send taken to its message stored")
			.publishPercentileHistogram()
			.register(meters);
		this.broadcastLag = Timer.builder("chat.broadcast.lag")
			.description("From a message stored to its broadcast handed to the broker")
			.publishPercentileHistogram()
			.register(meters);
	}

	/** Queues the send, or answers it at once when it cannot be taken. */
	void write(Send send) {
		if (!this.running) {
			answer(send, Failed.SHUTTING_DOWN);
		}
		else if (!this.settings.enabled()) {
			writeBatch(List.of(send));
		}
		else if (!this.queue.offer(send)) {
			answer(send, Failed.BUSY);
		}
	}

	/** Whether the writer is taking and writing sends; for the liveness probe. */
	boolean isAlive() {
		return this.running && (!this.settings.enabled() || this.thread.isAlive());
	}

	@Override
	public void start() {
		if (this.settings.enabled()) {
			this.thread = new Thread(this::writeUntilStopped, "message-writer");
			this.running = true;
			this.thread.start();
		}
		else {
			this.running = true;
		}
	}

	@Override
	public int getPhase() {
		return WRITER_PHASE;
	}

	/**
	 * First thing on shutdown, before the broker and the web server stop: take no more
	 * sends and write (and answer) the ones queued, while the answers can still go out.
	 */
	@EventListener(condition = "#root.event.applicationContext.parent == null")
	@Order(1)
	void shutDown(ContextClosedEvent event) {
		int queued = this.queue.size();
		stop();
		logger.info("Shutting down: took no more sends, wrote the " + queued + " queued");
	}

	/**
	 * Stops taking sends and writes the ones already queued, for at most the drain
	 * timeout: a database that stopped answering would otherwise hold the exit up for a
	 * query timeout per batch. What is left then is answered {@code SHUTTING_DOWN}, as is a
	 * send that slipped into the queue as the thread finished.
	 */
	@Override
	public void stop() {
		this.running = false;
		Thread writer = this.thread;
		if (writer == null) {
			return;
		}
		try {
			writer.join(DRAIN_TIMEOUT.toMillis());
			if (writer.isAlive()) {
				writer.interrupt();
				writer.join(DRAIN_TIMEOUT.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		answerLeftShuttingDown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void writeUntilStopped() {
		List<Send> batch = new ArrayList<>(this.settings.maxBatch());
		while (this.running || !this.queue.isEmpty()) {
			try {
				Send first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, this.settings.maxBatch() - 1);
				writeBatch(batch);
				batch.clear();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				answerLeftShuttingDown();
				return;
			}
		}
	}

	private void answerLeftShuttingDown() {
		List<Send> left = new ArrayList<>();
		this.queue.drainTo(left);
		left.forEach((send) -> answer(send, Failed.SHUTTING_DOWN));
	}

	private void writeBatch(List<Send> batch) {
		if (!this.broker.isAvailable()) {
			// Stored now, it would reach no one but those who reload: the sender retries instead.
			batch.forEach((send) -> answer(send, Failed.BROKER_UNAVAILABLE));
			return;
		}
		List<Outcome> outcomes = store(batch);
		long storedAt = System.nanoTime();
		for (int i = 0; i < batch.size(); i++) {
			Send send = batch.get(i);
			Outcome outcome = outcomes.get(i);
			if (outcome instanceof Stored) {
				this.stored.increment();
				this.storeLatency.record(storedAt - send.receivedNanos(), TimeUnit.NANOSECONDS);
				this.broadcastLag.record(System.nanoTime() - storedAt, TimeUnit.NANOSECONDS);
			}
			answer(send, outcome);
		}
	}

	private List<Outcome> store(List<Send> batch) {
		List<Draft> drafts = batch.stream()
			.map((send) -> new Draft(send.room(), send.sender().username(), send.content(), send.clientId()))
			.toList();
		try {
			return saveRetryingWhenBusy(drafts).stream().map(MessageWriter::outcome).toList();
		}
		catch (RuntimeException ex) {
			logger.warn("Not stored: " + batch.size() + " message(s): " + ex, ex);
			return batch.stream().<Outcome>map((send) -> Failed.NOT_STORED).toList();
		}
	}

	/**
	 * Several instances writing to one libSQL server now and then find it locked by
	 * another's write; that passes in milliseconds, so it is worth a few quick retries
	 * before a sender is told to retry.
	 */
	private List<Saved> saveRetryingWhenBusy(List<Draft> drafts) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.repository.saveAll(drafts);
			}
			catch (RuntimeException ex) {
				if (attempt > BUSY_RETRIES || !isBusy(ex)) {
					throw ex;
				}
				logger.debug("Database busy, retrying: " + ex);
				pause(BUSY_BACKOFF_MS << (attempt - 1), ex);
			}
		}
	}

	static boolean isBusy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage());
			if (message.contains("SQLITE_BUSY") || message.contains("database is locked")) {
				return true;
			}
		}
		return false;
	}

	private static void pause(long millis, RuntimeException failure) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure;
		}
	}

	private static Outcome outcome(Saved saved) {
		if (saved.message() == null) {
			// The row that held the clientId back could not be read: say so rather than
			// acknowledging nothing.
			logger.warn("A retried clientId's stored message could not be read back");
			return Failed.NOT_STORED;
		}
		return saved.created() ? new Stored(saved.message()) : new Duplicate(saved.message());
	}

	/** An answer that fails (a broker refusing a send, say) costs only that answer. */
	private void answer(Send send, Outcome outcome) {
		try {
			this.replies.answer(send, outcome);
		}
		catch (RuntimeException ex) {
			logger.error("Could not answer a send with " + outcome, ex);
		}
	}

}
