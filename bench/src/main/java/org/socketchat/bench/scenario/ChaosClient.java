package org.socketchat.bench.scenario;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.socketchat.bench.stomp.StompClient;
import org.socketchat.bench.stomp.StompConnector;
import org.socketchat.bench.stomp.StompFrame;

/**
 * One person in the chaos run, behaving as the chat page does: on every (re)connect it
 * subscribes, waits for the presence snapshot, reads the backlog from where it has every
 * message, then sends again whatever is unacknowledged, with the same clientIds. Between
 * reconnects it sends at a random rate and now and then leaves, cleanly or abruptly. Its
 * random choices come from its own seeded {@link Random}; when the server is gone it
 * reconnects with backoff.
 */
final class ChaosClient {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	/** What message text is made of: JSON escapes, markup, two- to four-byte UTF-8 and spaces. */
	private static final int[] TEXT = "abcdefghijklmnopqrstuvwxyz     0123456789\"\\/<>&é漢🙂".codePoints().toArray();

	/** When the app was killed, and the first acknowledgement any client saw after it. */
	static final class Recovery {

		volatile long killedNanos = Long.MAX_VALUE;

		final AtomicLong firstAckNanos = new AtomicLong(Long.MAX_VALUE);

	}

	private final String username;

	private final ChaosScenario.Plan plan;

	private final Random random;

	private final StompConnector connector;

	private final Backlog backlog;

	private final Recovery recovery;

	private final ChaosView view = new ChaosView();

	private final Outbox outbox;

	private StompClient session;

	private long sequence;

	private long connects;

	private long connectFailures;

	private long leaves;

	private long dropped;

	ChaosClient(int index, ChaosScenario.Plan plan, StompConnector connector, Backlog backlog, Recovery recovery) {
		this.username = "chaos-" + index;
		this.plan = plan;
		this.random = new Random(plan.seed() * 1_000_003L + index);
		this.connector = connector;
		this.backlog = backlog;
		this.recovery = recovery;
		this.outbox = new Outbox(this.username);
	}

	/** Phase 1: joins, sends, leaves and comes back at random until the deadline. */
	void play(long deadline) {
		long nextSend = System.nanoTime() + gap(1 / this.plan.rate());
		long sessionEnds = 0;
		for (long backoffMs = 100; System.nanoTime() < deadline;) {
			if (!connected()) {
				if (!connect()) {
					pause(backoffMs + this.random.nextInt(100), deadline);
					backoffMs = Math.min(backoffMs * 2, 2_000);
					continue;
				}
				backoffMs = 100;
				sessionEnds = System.nanoTime() + gap(this.plan.sessionSeconds());
			}
			long now = System.nanoTime();
			if (now >= sessionEnds) {
				leave(this.random.nextBoolean());
				pause(200 + this.random.nextInt(2_800), deadline);
				continue;
			}
			// Behind by more than a second (the server was away): the page would not have queued that much.
			for (nextSend = Math.max(nextSend, now - TimeUnit.SECONDS.toNanos(1)); nextSend <= now;) {
				newMessage(now);
				nextSend += gap(1 / this.plan.rate());
			}
			flush(now);
			LockSupport.parkNanos(Math.max(0, Math.min(TICK_NANOS, Math.min(nextSend, deadline) - now)));
		}
	}

	/** Phase 2: no new messages and no leaving; reconnects until every send is acknowledged. */
	void settle(long deadline) {
		for (long backoffMs = 100; this.outbox.unacknowledged() > 0 && System.nanoTime() < deadline;) {
			if (!connected() && !connect()) {
				pause(backoffMs, deadline);
				backoffMs = Math.min(backoffMs * 2, 2_000);
				continue;
			}
			flush(System.nanoTime());
			LockSupport.parkNanos(TICK_NANOS);
		}
	}

	/** Phase 3, once every client has settled: the last catch-up through the backlog, and leaving. */
	void finish() {
		catchUp();
		if (this.session != null) {
			this.session.disconnect();
		}
	}

	ChaosView view() {
		return this.view;
	}

	Outbox.Figures figures() {
		return this.outbox.figures();
	}

	/** Successful connects after the first, and attempts that failed. */
	long reconnects() {
		return Math.max(0, this.connects - 1);
	}

	long connectFailures() {
		return this.connectFailures;
	}

	/** Sessions this client ended itself, and sessions the server ended (or that died with it). */
	long leaves() {
		return this.leaves;
	}

	long dropped() {
		return this.dropped;
	}

	private boolean connect() {
		StompClient client = null;
		try {
			client = this.connector.open(1, (i) -> this.username, 1, CONNECT_TIMEOUT).clients().get(0);
			client.subscribe(Destinations.CHAT, this::onMessage);
			client.subscribe(Destinations.RETRY_REPLIES, this::onMessage);
			client.subscribe(Destinations.ERRORS, this::onError);
			client.request(Destinations.PRESENCE_SNAPSHOT).get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			catchUp();
			this.session = client;
			this.connects++;
			this.outbox.allDue(System.nanoTime());
			return true;
		}
		catch (Exception ex) { // refused, closed, timed out, or the backlog unreadable: try again later
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			if (client != null) {
				client.abort();
			}
			this.connectFailures++;
			return false;
		}
	}

	/** Reads the backlog after the highest id up to which this client has every message. */
	private void catchUp() {
		long cursor = this.view.caughtUpTo();
		for (StoredMessage message : this.backlog.after(cursor)) {
			this.view.show(message);
			cursor = message.id();
		}
		this.view.markCaughtUp(cursor);
	}

	private boolean connected() {
		if (this.session != null && !this.session.isOpen()) {
			this.session = null;
			this.dropped++;
		}
		return this.session != null;
	}

	private void leave(boolean cleanly) {
		if (cleanly) {
			this.session.disconnect();
		}
		else {
			this.session.abort();
		}
		this.session = null;
		this.leaves++;
	}

	private void newMessage(long now) {
		String clientId = this.username + "-" + this.plan.seed() + "-" + (++this.sequence);
		StringBuilder content = new StringBuilder(this.username).append(" #").append(this.sequence).append(' ');
		for (int i = this.random.nextInt(this.plan.size()); i > 0; i--) {
			content.appendCodePoint(TEXT[this.random.nextInt(TEXT.length)]);
		}
		String json = JsonMapper.shared().writeValueAsString(Map.of("content", content.append('.').toString(),
				"clientId", clientId));
		this.outbox.add(clientId, json, now);
	}

	private void flush(long now) {
		for (String json : this.outbox.takeDue(now)) {
			try {
				this.session.send(Destinations.SEND, json);
			}
			catch (IllegalStateException ex) {
				return; // the session died: the rest stay unacknowledged and go again after reconnecting
			}
		}
	}

	private void onMessage(StompFrame frame, long receivedNanos) {
		StoredMessage message = StoredMessage.parse(frame.body());
		this.view.show(message);
		if (this.outbox.acknowledge(message) && receivedNanos > this.recovery.killedNanos) {
			this.recovery.firstAckNanos.accumulateAndGet(receivedNanos, Math::min);
		}
	}

	private void onError(StompFrame frame, long receivedNanos) {
		JsonNode error = JsonMapper.shared().readTree(frame.body());
		JsonNode clientId = error.path("clientId");
		this.outbox.refused(error.path("code").asString(), clientId.isString() ? clientId.asString() : null,
				error.path("retryAfterMs").asLong(0), receivedNanos);
	}

	/** An exponentially distributed wait with this mean, in nanoseconds. */
	private long gap(double meanSeconds) {
		return (long) (-Math.log(1 - this.random.nextDouble()) * meanSeconds * 1e9);
	}

	private static void pause(long millis, long deadline) {
		LockSupport.parkNanos(Math.max(0, Math.min(TimeUnit.MILLISECONDS.toNanos(millis), deadline - System.nanoTime())));
	}

}
