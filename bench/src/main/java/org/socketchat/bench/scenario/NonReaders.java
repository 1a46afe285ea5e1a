package org.socketchat.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.socketchat.bench.measure.TcpStates;
import org.socketchat.bench.process.Target;
import org.socketchat.bench.stomp.StompClient;
import org.socketchat.bench.stomp.StompConnector;

/**
 * Subscribers to {@code /topic/chat} that stop reading once subscribed, like a client whose
 * device or network stalled: a 4 KiB receive buffer, set before connecting, and no
 * heart-beats (a client that sends nothing cannot be reset by the server's closed end, so
 * it can read the close later). While they do not read, the kernel's view of the server's
 * end tells when the server closed them; once they read again, they show how.
 */
final class NonReaders implements AutoCloseable {

	static final int RECEIVE_BUFFER = 4096;

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

	private static final long POLL_MILLIS = 100;

	private final Target target;

	private final StompConnector connector;

	private final List<StompClient> clients;

	private final List<AtomicLong> readLate = new ArrayList<>();

	/** When the server's end of each left ESTABLISHED (System.nanoTime), 0 while it has not. */
	private final AtomicLongArray closedAtNanos;

	private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "bench-non-readers");
		thread.setDaemon(true);
		return thread;
	});

	private NonReaders(Target target, int count) {
		this.target = target;
		this.connector = new StompConnector(target.webSocket(), 1);
		this.clients = this.connector
			.open(count, (i) -> "non-reader-" + i, 16, CONNECT_TIMEOUT,
					new StompConnector.Sessions("0,0", RECEIVE_BUFFER))
			.clients();
		this.closedAtNanos = new AtomicLongArray(count);
		for (int i = 0; i < count; i++) {
			this.readLate.add(new AtomicLong());
		}
		StompConnector.subscribeAll(this.clients, Destinations.CHAT,
				(i) -> (frame, receivedNanos) -> this.readLate.get(i).incrementAndGet(), Destinations.PRESENCE_SNAPSHOT,
				CONNECT_TIMEOUT);
	}

	/** Connects and subscribes them, then they stop reading and are watched. */
	static NonReaders connect(Target target, int count) {
		NonReaders nonReaders = new NonReaders(target, count);
		nonReaders.clients.forEach(StompClient::pauseReading);
		nonReaders.poller.scheduleWithFixedDelay(nonReaders::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
		return nonReaders;
	}

	private void poll() {
		Map<Integer, Integer> states = TcpStates.ofLocalPort(this.target.http().getPort());
		long now = System.nanoTime();
		for (int i = 0; i < this.clients.size(); i++) {
			Integer state = states.get(this.clients.get(i).localPort());
			if (this.closedAtNanos.get(i) == 0 && (state == null || state != TcpStates.ESTABLISHED)) {
				this.closedAtNanos.set(i, now);
			}
		}
	}

	/**
	 * Stops watching, reads again and waits (at most {@code wait}) for each to reach the
	 * server's close. Messages read meanwhile are what was held for it.
	 * @param startNanos what the close times count from
	 */
	List<NonReaderClose> finish(long startNanos, Duration wait) {
		this.poller.shutdownNow();
		this.clients.forEach(StompClient::resumeReading);
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline && this.clients.stream().anyMatch(StompClient::isOpen)) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
		List<NonReaderClose> closes = new ArrayList<>();
		for (int i = 0; i < this.clients.size(); i++) {
			long at = this.closedAtNanos.get(i);
			String reason = this.clients.get(i).closeReason();
			closes.add(new NonReaderClose("non-reader-" + i, (at == 0) ? null : (at - startNanos) / 1e9,
					NonReaderClose.status(reason), reason, this.readLate.get(i).get()));
		}
		return closes;
	}

	@Override
	public void close() {
		this.poller.shutdownNow();
		this.connector.close();
	}

}
