package org.socketchat.bench.stomp;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.socketchat.bench.measure.LatencyHistogram;

/**
 * Opens many STOMP sessions to one server (or to the instances of one cluster, in turn), a
 * bounded number at a time, spread over a few reading threads (more than one lets both
 * cores read), and keeps them alive with heart-beats like the chat page's (10 s each way).
 */
public final class StompConnector implements AutoCloseable {

	/** What the page's stomp.js offers; the server then expects one from us every 10 s. */
	public static final String PAGE_HEARTBEAT = "10000,10000";

	private static final long HEARTBEAT_EVERY_MS = 5_000;

	private final List<URI> uris;

	private final List<Reactor> reactors = new ArrayList<>();

	/** Runs the blocking WebSocket upgrades, a few at a time. */
	private final ExecutorService handshakes = Executors.newFixedThreadPool(8, (task) -> {
		Thread thread = new Thread(task, "bench-handshake");
		thread.setDaemon(true);
		return thread;
	});

	private final List<StompClient> opened = new ArrayList<>();

	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "bench-heartbeats");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger next = new AtomicInteger();

	/**
	 * @param uri e.g. {@code ws://127.0.0.1:8080/ws}
	 * @param readers how many reading threads to spread sessions over
	 */
	public StompConnector(URI uri, int readers) {
		this(List.of(uri), readers);
	}

	/**
	 * Sessions to several servers: the i-th session of each {@link #open} goes to
	 * {@code uris[i mod n]}, so every server gets its share of each group.
	 * @param uris e.g. the {@code /ws} endpoints of the instances of one cluster
	 * @param readers how many reading threads to spread sessions over, for all servers together
	 */
	public StompConnector(List<URI> uris, int readers) {
		if (uris.isEmpty()) {
			throw new IllegalArgumentException("no server to connect to");
		}
		this.uris = List.copyOf(uris);
		for (int i = 0; i < readers; i++) {
			this.reactors.add(new Reactor("bench-read-" + i));
		}
		this.heartbeats.scheduleWithFixedDelay(this::beat, HEARTBEAT_EVERY_MS, HEARTBEAT_EVERY_MS,
				TimeUnit.MILLISECONDS);
	}

	/**
	 * How sessions connect.
	 * @param heartbeat the {@code heart-beat} header offered
	 * @param receiveBuffer the socket's receive buffer in bytes; 0 for the system's
	 */
	public record Sessions(String heartbeat, int receiveBuffer) {

		/** As the chat page: heart-beats of 10 s each way, the system's buffers. */
		public static final Sessions PAGE = new Sessions(PAGE_HEARTBEAT, 0);

	}

	/** The sessions opened, and how long each took from its WebSocket upgrade to CONNECTED. */
	public record Opened(List<StompClient> clients, LatencyHistogram connectMicros, double wallSeconds) {
	}

	/**
	 * Opens {@code count} sessions, at most {@code inFlight} handshakes at a time. Fails if any
	 * session cannot connect within the timeout: a load run on a partial audience would lie.
	 */
	public Opened open(int count, IntFunction<String> username, int inFlight, Duration timeout) {
		return open(count, username, inFlight, timeout, Sessions.PAGE);
	}

	/** Like {@link #open(int, IntFunction, int, Duration)}, the sessions connecting as {@code sessions} says. */
	public Opened open(int count, IntFunction<String> username, int inFlight, Duration timeout, Sessions sessions) {
		LatencyHistogram connectMicros = new LatencyHistogram();
		List<CompletableFuture<StompClient>> pending = new ArrayList<>(count);
		Semaphore slots = new Semaphore(inFlight);
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			acquire(slots, timeout);
			Reactor reactor = this.reactors.get(this.next.getAndIncrement() % this.reactors.size());
			CompletableFuture<StompClient> client = StompClient
				.connect(this.uris.get(i % this.uris.size()), username.apply(i), sessions.heartbeat(), sessions.receiveBuffer(), timeout, reactor,
						this.handshakes)
				.whenComplete((connected, failure) -> {
					slots.release();
					if (failure == null) {
						synchronized (connectMicros) {
							connectMicros.record(connected.connectMicros());
						}
						// Heart-beats from now on, not once all are connected: the server
						// closes a session it hears nothing from for 30 s, and connecting
						// 10,000 took longer than that.
						synchronized (this.opened) {
							this.opened.add(connected);
						}
					}
				});
			pending.add(client);
		}
		List<StompClient> clients = new ArrayList<>(count);
		for (CompletableFuture<StompClient> client : pending) {
			clients.add(client.join());
		}
		double wallSeconds = (System.nanoTime() - start) / 1e9;
		return new Opened(clients, connectMicros, wallSeconds);
	}

	/**
	 * Subscribes every client, each with its own handler, and waits until the server has
	 * handled every subscription: a message sent before that could be missed.
	 * @param barrier an application destination that answers once, e.g. {@code /app/presence}
	 */
	public static void subscribeAll(List<StompClient> clients, String destination,
			IntFunction<StompClient.MessageHandler> handler, String barrier, Duration timeout) {
		subscribeAll(clients, destination, handler, barrier, false, timeout);
	}

	/**
	 * Like {@link #subscribeAll(List, String, IntFunction, String, Duration)}, and with
	 * {@code brokerReceipt} also waits for each subscription's {@code RECEIPT}: behind the
	 * broker relay the server hands a subscription on to the broker and handles the barrier
	 * itself, so only the broker's receipt proves the subscription is in place there.
	 */
	public static void subscribeAll(List<StompClient> clients, String destination,
			IntFunction<StompClient.MessageHandler> handler, String barrier, boolean brokerReceipt,
			Duration timeout) {
		List<CompletableFuture<StompFrame>> answers = new ArrayList<>(clients.size() * 2);
		for (int i = 0; i < clients.size(); i++) {
			if (brokerReceipt) {
				answers.add(clients.get(i).subscribeWithReceipt(destination, handler.apply(i)));
			}
			else {
				clients.get(i).subscribe(destination, handler.apply(i));
			}
			answers.add(clients.get(i).request(barrier));
		}
		CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
			.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
			.join();
	}

	private void beat() {
		List<StompClient> clients;
		synchronized (this.opened) {
			clients = List.copyOf(this.opened);
		}
		for (StompClient client : clients) {
			try {
				client.heartbeat();
			}
			catch (IllegalStateException ex) {
				// A session that died shows in its closeReason; the others still need beats.
			}
		}
	}

	private static void acquire(Semaphore slots, Duration timeout) {
		try {
			if (!slots.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("no connection slot freed within " + timeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Closes every session it opened and stops its threads. */
	@Override
	public void close() {
		this.heartbeats.shutdownNow();
		synchronized (this.opened) {
			this.opened.forEach(StompClient::close);
			this.opened.clear();
		}
		this.handshakes.shutdownNow();
		this.reactors.forEach(Reactor::close);
	}

}
