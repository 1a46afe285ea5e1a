package org.socketchat.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.socketchat.bench.Options;
import org.socketchat.bench.measure.Table;
import org.socketchat.bench.process.AppProcess;
import org.socketchat.bench.process.Target;

/**
 * Issue 10: N readers and M subscribers that stop reading, while S senders make R msg/s
 * for D seconds of messages of a given size. The readers must get every message with a
 * p99 under 200 ms, and the server must close every non-reader within 15 s. The kernel
 * buffers up to 4 MiB per socket before a write to a client that does not read blocks,
 * so the defaults send each non-reader about 16 MB.
 */
public final class SlowReadersScenario implements Scenario {

	static final double P99_LIMIT_MS = 200;

	static final double CLOSE_LIMIT_SECONDS = 15;

	/**
	 * @param round the readers' figures, as a fan-out round measures them
	 * @param nonReaders how and when each non-reader was closed
	 * @param serverPeakHeapMiB the most heap in use the server reported, sampled every second
	 */
	public record Report(FanoutResult round, List<NonReaderClose> nonReaders, Long serverPeakHeapMiB, String failure)
			implements Result {

		@Override
		public List<Table> tables() {
			FanoutResult r = this.round;
			Table readers = new Table(String.format(Locale.ROOT,
					"slow-readers: %d readers and %d non-readers, %d senders, %d msg/s for %.0f s", r.subscribers(),
					this.nonReaders.size(), r.publishers(), r.rate(), r.seconds()), "delivered/expected",
					"lost", "dup", "readers closed", "p50 ms", "p99 ms", "max ms", "send lag ms", "stored/sent",
					"server cores", "server peak MiB", "server peak heap MiB", "other cores", "pass");
			readers.row(r.delivered() + "/" + r.expected(), r.lost(), r.duplicated(), r.closedSessions(),
					r.latencyMs().p50(), r.latencyMs().p99(), r.latencyMs().max(), r.maxSendLagMs(),
					r.storedTotal() + "/" + r.sentTotal(), r.serverCores(), r.serverPeakRssMiB(), this.serverPeakHeapMiB,
					r.otherCores(), (this.failure == null) ? "yes" : "NO");
			readers.note("latency: scheduled send to arrival at a reader; server peak MiB: peak RSS (VmHWM); "
					+ "pass: every reader got every message, p99 < " + (int) P99_LIMIT_MS
					+ " ms, no reader closed, every non-reader closed within " + (int) CLOSE_LIMIT_SECONDS + " s");
			Table closes = new Table("slow-readers: the non-readers (" + NonReaders.RECEIVE_BUFFER
					+ " B receive buffer, never read until the end)", "session", "closed at s", "status", "read late",
					"how it ended");
			this.nonReaders.forEach((c) -> closes.row(c.username(), c.closedAtSeconds(), c.status(), c.readLate(),
					c.closeReason()));
			closes.note("closed at: seconds after the load started when the server's end of the TCP connection left "
					+ "ESTABLISHED (from /proc/net/tcp, every 100 ms); status: the close frame's code as the "
					+ "client read it when it read again; read late: chat messages it read then");
			return List.of(readers, closes);
		}

	}

	@Override
	public Report run(Setup setup, Options options) {
		int readerCount = options.integer("readers", 50);
		int nonReaderCount = options.integer("non-readers", 10);
		int senders = options.integer("senders", 5);
		int rate = options.integer("rate", 200);
		double seconds = options.decimal("duration", 40);
		double warmup = options.decimal("warmup", 2);
		int size = options.integer("size", 1900);
		Duration drain = Duration.ofSeconds(options.integer("drain", 10));
		options.rejectUnused();

		AppProcess app = setup.startsApp() ? setup.startApp("slow-readers", List.of(), Map.of()) : null;
		Target target = (app != null) ? app.target() : setup.givenTarget();
		ScheduledExecutorService heap = Executors.newSingleThreadScheduledExecutor();
		try (Audience audience = Audience.connect(target, readerCount, senders, 2);
				NonReaders nonReaders = NonReaders.connect(target, nonReaderCount)) {
			AtomicLong peakHeapKiB = new AtomicLong(-1);
			heap.scheduleWithFixedDelay(() -> sampleHeap(target, peakHeapKiB), 0, 1, TimeUnit.SECONDS);
			System.err.printf("  slow-readers: %d readers, %d non-readers, %d msg/s of %d characters for %s s ...%n",
					readerCount, nonReaderCount, rate, size, seconds);
			long start = System.nanoTime();
			FanoutResult round = audience.run(new Audience.Plan(rate, warmup, seconds, size, drain));
			heap.shutdownNow();
			List<NonReaderClose> closes = nonReaders.finish(start, Duration.ofSeconds(15));
			List<Double> closedAt = new ArrayList<>();
			closes.forEach((c) -> closedAt.add(c.closedAtSeconds()));
			Long peakHeap = (peakHeapKiB.get() < 0) ? null : peakHeapKiB.get() / 1024;
			return new Report(round, closes, peakHeap, failure(round.lost(), round.duplicated(),
					round.closedSessions(), round.latencyMs().p99(), closedAt));
		}
		finally {
			heap.shutdownNow();
			if (app != null) {
				app.close();
			}
		}
	}

	private static void sampleHeap(Target target, AtomicLong peakKiB) {
		try {
			peakKiB.accumulateAndGet(HeapMetric.usedKiB(target), Math::max);
		}
		catch (RuntimeException ex) {
			// a missed sample: the next one, a second later, counts
		}
	}

	/** Why the run missed the target, or {@code null}: the readers' figures, then the non-readers' close times. */
	static String failure(long lost, long duplicated, int readersClosed, double p99Ms, List<Double> closedAtSeconds) {
		List<String> misses = new ArrayList<>();
		if (lost > 0 || duplicated > 0) {
			misses.add("readers lost " + lost + " and got " + duplicated + " twice");
		}
		if (readersClosed > 0) {
			misses.add(readersClosed + " readers or senders closed");
		}
		if (p99Ms >= P99_LIMIT_MS) {
			misses.add(String.format(Locale.ROOT, "p99 %.1f ms", p99Ms));
		}
		long late = closedAtSeconds.stream().filter((at) -> at == null || at > CLOSE_LIMIT_SECONDS).count();
		if (late > 0) {
			misses.add(late + " of " + closedAtSeconds.size() + " non-readers not closed within "
					+ (int) CLOSE_LIMIT_SECONDS + " s");
		}
		return misses.isEmpty() ? null : String.join("; ", misses);
	}

}
