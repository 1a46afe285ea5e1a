package org.socketchat.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.socketchat.bench.measure.LatencyHistogram;
import org.socketchat.bench.measure.ProcStats;
import org.socketchat.bench.process.SqldProcess;
import org.socketchat.bench.process.Target;
import org.socketchat.bench.stomp.StompClient;
import org.socketchat.bench.stomp.StompConnector;
import org.socketchat.bench.stomp.StompFrame;

/**
 * Many senders, each as fast as its acknowledgements allow: at most {@code window}
 * unacknowledged messages per sender. An ack is the sender's message coming back on
 * {@code /topic/chat} (stored, then broadcast) or an error for it on
 * {@code /user/queue/errors}; one observer session sees the broadcasts and frees the
 * sender's window, so the load is storage plus one delivery, not N-fold fan-out.
 */
final class SendLoad {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * @param messages most messages in all; the run also stops at {@code seconds}
	 * @param drain how long to wait for the last acks
	 */
	record Plan(int senders, int window, int messages, double seconds, int size, Duration drain) {
	}

	private final Plan plan;

	private final String tag = "p" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

	private final Semaphore[] windows;

	private final AtomicLong acked = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong lastAckNanos = new AtomicLong();

	// Written only by the observer's receiving thread; read after the acked count says done.
	private final BitSet ackedIndexes = new BitSet();

	private final LatencyHistogram ackMicros = new LatencyHistogram();

	private final AtomicLong duplicates = new AtomicLong();

	private SendLoad(Plan plan) {
		this.plan = plan;
		this.windows = new Semaphore[plan.senders()];
		for (int i = 0; i < plan.senders(); i++) {
			this.windows[i] = new Semaphore(plan.window());
		}
	}

	/** @param sqld the libSQL server behind the app, to count what it really holds, or {@code null} */
	static PersistenceResult run(Target target, String backend, Plan plan, SqldProcess sqld) {
		return new SendLoad(plan).run(target, backend, sqld);
	}

	private PersistenceResult run(Target target, String backend, SqldProcess sqld) {
		try (StompConnector connector = new StompConnector(target.webSocket(), 2)) {
			List<StompClient> senders = connector.open(this.plan.senders(), (i) -> "sender-" + i, 64, CONNECT_TIMEOUT)
				.clients();
			StompClient observer = connector.open(1, (i) -> "observer", 1, CONNECT_TIMEOUT).clients().get(0);
			StompConnector.subscribeAll(List.of(observer), Destinations.CHAT, (i) -> this::onBroadcast,
					Destinations.PRESENCE_SNAPSHOT, CONNECT_TIMEOUT);
			StompConnector.subscribeAll(senders, Destinations.ERRORS, (i) -> this::onError,
					Destinations.PRESENCE_SNAPSHOT, CONNECT_TIMEOUT);
			Backlog backlog = new Backlog(target);
			long lastIdBefore = backlog.lastId();
			Long pid = target.pid();
			if (pid != null) {
				ProcStats.resetPeak(pid);
			}
			if (sqld != null) {
				ProcStats.resetPeak(sqld.pid());
			}
			ProcStats.Sample serverBefore = (pid != null) ? ProcStats.read(pid) : null;
			ProcStats.Sample sqldBefore = (sqld != null) ? ProcStats.read(sqld.pid()) : null;
			ProcStats.Sample toolBefore = ProcStats.self();
			Map<Long, ProcStats.Cpu> processesBefore = ProcStats.allProcesses();

			long start = System.nanoTime();
			long deadline = start + (long) (this.plan.seconds() * 1e9);
			int perSender = (this.plan.messages() + this.plan.senders() - 1) / this.plan.senders();
			ExecutorService threads = Executors.newFixedThreadPool(this.plan.senders());
			List<Future<Long>> sending = new ArrayList<>();
			for (int s = 0; s < this.plan.senders(); s++) {
				int sender = s;
				sending.add(threads.submit(() -> send(senders.get(sender), sender, perSender, deadline)));
			}
			long sent = 0;
			for (Future<Long> sender : sending) {
				sent += join(sender, deadline);
			}
			threads.shutdownNow();
			long drainEnd = System.nanoTime() + this.plan.drain().toNanos();
			while (System.nanoTime() < drainEnd && this.acked.get() + this.errors.get() < sent) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
			}
			ProcStats.Sample serverAfter = (pid != null) ? ProcStats.read(pid) : null;
			ProcStats.Sample sqldAfter = (sqld != null) ? ProcStats.read(sqld.pid()) : null;
			ProcStats.Sample toolAfter = ProcStats.self();
			Map<Long, ProcStats.Cpu> processesAfter = ProcStats.allProcesses();
			double wall = (System.nanoTime() - start) / 1e9;
			long acked = this.acked.get();
			double seconds = Math.max(1e-3, (this.lastAckNanos.get() - start) / 1e9);

			long storedBacklog = backlog.countTagged(lastIdBefore, this.tag, sent * 2 + 10_000);
			Long storedInSqld = null;
			if (sqld != null) {
				storedInSqld = sqld.queryLong("SELECT count(*) FROM messages WHERE content LIKE '" + this.tag + " %'")
					.value();
			}
			Double serverCpu = (pid != null) ? serverAfter.cpuSeconds() - serverBefore.cpuSeconds() : null;
			Double sqldCpu = (sqld != null) ? sqldAfter.cpuSeconds() - sqldBefore.cpuSeconds() : null;
			double toolCpu = toolAfter.cpuSeconds() - toolBefore.cpuSeconds();
			Set<Long> ours = new HashSet<>(List.of(ProcessHandle.current().pid()));
			if (pid != null) {
				ours.add(pid);
			}
			if (sqld != null) {
				ours.add(sqld.pid());
			}
			double otherCores = ProcStats.othersBetween(processesBefore, processesAfter, ours) / wall;
			return new PersistenceResult(backend, null, this.plan.senders(), this.plan.window(), sent, acked,
					this.errors.get(), sent - acked - this.errors.get(), this.duplicates.get(), seconds, acked / seconds,
					this.ackMicros.percentiles(1000.0), storedBacklog, storedInSqld, serverCpu,
					(serverCpu != null) ? serverCpu / wall : null, (pid != null) ? serverAfter.peakRssKiB() / 1024 : null,
					sqldCpu, (sqld != null) ? sqldAfter.peakRssKiB() / 1024 : null, toolCpu / wall, otherCores);
		}
	}

	/** Message k of sender s is index k * senders + s, so an ack names its sender. */
	private long send(StompClient client, int sender, int count, long deadline) throws InterruptedException {
		Semaphore window = this.windows[sender];
		long sent = 0;
		for (int k = 0; k < count; k++) {
			long left = deadline - System.nanoTime();
			if (left <= 0 || !window.tryAcquire(left, TimeUnit.NANOSECONDS)) {
				break;
			}
			long index = (long) k * this.plan.senders() + sender;
			client.send(Destinations.SEND, new Probe(this.tag, index, System.nanoTime()).json(this.plan.size()));
			sent++;
		}
		return sent;
	}

	private void onBroadcast(StompFrame frame, long receivedNanos) {
		Probe probe = Probe.fromMessage(frame.body(), this.tag);
		if (probe == null) {
			return;
		}
		int index = Math.toIntExact(probe.index());
		if (this.ackedIndexes.get(index)) {
			this.duplicates.incrementAndGet();
			return;
		}
		this.ackedIndexes.set(index);
		this.ackMicros.record((receivedNanos - probe.sentNanos()) / 1_000);
		this.lastAckNanos.set(receivedNanos);
		this.windows[index % this.plan.senders()].release();
		this.acked.incrementAndGet();
	}

	private void onError(StompFrame frame, long receivedNanos) {
		long index = Probe.indexFromClientId(frame.body(), this.tag);
		this.errors.incrementAndGet();
		if (index >= 0) {
			this.windows[(int) (index % this.plan.senders())].release();
		}
	}

	private static long join(Future<Long> sender, long deadline) {
		try {
			return sender.get(Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(15),
					TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (Exception ex) {
			sender.cancel(true);
			throw new IllegalStateException("a sender failed: " + ex, ex);
		}
	}

}
