package org.socketchat.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.socketchat.bench.Options;
import org.socketchat.bench.measure.ProcStats;
import org.socketchat.bench.measure.Table;
import org.socketchat.bench.process.AppProcess;
import org.socketchat.bench.process.Jcmd;
import org.socketchat.bench.process.Target;
import org.socketchat.bench.stomp.StompClient;
import org.socketchat.bench.stomp.StompConnector;

/**
 * Scenario 5: memory per idle, subscribed STOMP session, and the time to connect them. A
 * fresh app per session count, started with native memory tracking (and {@code --xmx} as
 * its heap, if given); memory is read after a full GC before and after the sessions
 * connect, so the difference is what they hold. Then one more client talks among them
 * ({@link IdleProbe}): the server must still serve it in time.
 */
public final class IdleScenario implements Scenario {

	/**
	 * Figures per session are the difference after and before connecting, divided by the sessions.
	 *
	 * @param connectSeconds all sessions connected (STOMP CONNECTED) and subscribed (RECEIPT)
	 * @param heapKiB live heap after a full GC
	 * @param nativeKiB what the JVM committed outside the heap (native memory tracking)
	 * @param heapPlusNativeKiB the two together: the target's "heap+native"
	 * @param rssKiB resident memory as the OS sees it (includes heap the GC keeps committed)
	 * @param open sessions still open when measured
	 * @param talker the talking client's figures, or {@code null} without one
	 */
	public record Session(int sessions, double connectSeconds, double sessionsPerSecond, double connectP50Ms,
			double connectP99Ms, Double heapKiB, Double nativeKiB, Double heapPlusNativeKiB, Double rssKiB,
			Long heapUsedBeforeMiB, Long heapUsedAfterMiB, Long rssBeforeMiB, Long rssAfterMiB, int open,
			List<ClassShare> largestClasses, IdleProbe.Figures talker) {
	}

	/** What the sessions added of one class, per session: where the heap per session goes. */
	public record ClassShare(String className, double bytesPerSession) {
	}

	/** @param maxHeap the app's {@code -Xmx}, or {@code null} for the JVM's default */
	public record Report(String maxHeap, List<Session> counts) implements Result {

		@Override
		public List<Table> tables() {
			Table table = new Table("idle: memory per connected, subscribed STOMP session"
					+ ((this.maxHeap != null) ? ", app -Xmx" + this.maxHeap : ""), "sessions", "connect+subscribe s",
					"sessions/s", "connect p50 ms", "connect p99 ms", "heap KiB/session", "native KiB/session",
					"heap+native KiB/session", "RSS KiB/session", "heap MiB before/after", "RSS MiB before/after",
					"open", "talker back/sent", "talker p50 ms", "talker p99 ms", "open after");
			for (Session s : this.counts) {
				IdleProbe.Figures t = s.talker();
				table.row(s.sessions(), s.connectSeconds(), s.sessionsPerSecond(), s.connectP50Ms(), s.connectP99Ms(),
						s.heapKiB(), s.nativeKiB(), s.heapPlusNativeKiB(), s.rssKiB(),
						s.heapUsedBeforeMiB() + "/" + s.heapUsedAfterMiB(), s.rssBeforeMiB() + "/" + s.rssAfterMiB(),
						s.open(), (t != null) ? t.received() + "/" + t.sent() : "-",
						(t != null) ? t.latencyMs().p50() : null, (t != null) ? t.latencyMs().p99() : null,
						(t != null) ? t.idleOpen() : null);
			}
			table.note("sessions offer heart-beats of 10 s each way, as the chat page does; heap is live heap "
					+ "after a full GC (jcmd GC.run), native is NMT committed minus the Java heap");
			table.note("then one more client talks among them: its own messages to /topic/chat, from the scheduled "
					+ "send to its broadcast copy (every idle session gets each one too); passes with every copy back, "
					+ "p99 < " + IdleProbe.P99_LIMIT_MS + " ms and no idle session closed");
			List<Table> tables = new ArrayList<>(List.of(table));
			for (Session s : this.counts) {
				if (s.largestClasses().isEmpty()) {
					continue;
				}
				Table classes = new Table("idle: where the heap of one session goes, at " + s.sessions() + " sessions",
						"class", "bytes/session");
				s.largestClasses().forEach((c) -> classes.row(c.className(), c.bytesPerSession()));
				classes.note("jcmd GC.class_histogram after the sessions minus before, divided by the sessions");
				tables.add(classes);
			}
			return tables;
		}

		@Override
		public String failure() {
			for (Session s : this.counts) {
				String failure = (s.talker() != null) ? s.talker().failure() : null;
				if (failure != null) {
					return String.format("%,d sessions: %s", s.sessions(), failure);
				}
			}
			return null;
		}

	}

	@Override
	public Report run(Setup setup, Options options) {
		List<Integer> counts = options.integers("sessions", List.of(1_000, 5_000));
		int inFlight = options.integer("in-flight", 100);
		double settle = options.decimal("settle", 3);
		String maxHeap = options.string("xmx", null);
		Talk talk = new Talk(options.integer("talker-rate", 2), options.decimal("talker-seconds", 20));
		options.rejectUnused();
		List<Session> results = new ArrayList<>();
		for (int count : counts) {
			System.err.printf("  idle: %,d sessions ...%n", count);
			AppProcess app = setup.startsApp()
					? setup.startApp("idle-" + count, appJvmArgs(maxHeap), Map.of()) : null;
			try {
				results.add(measure((app != null) ? app.target() : setup.givenTarget(), app != null, count, inFlight,
						settle, talk));
			}
			finally {
				if (app != null) {
					app.close();
				}
			}
		}
		return new Report(maxHeap, results);
	}

	/** Native memory tracking always; the heap as {@code --xmx} says, e.g. {@code 512m}. */
	static List<String> appJvmArgs(String maxHeap) {
		return (maxHeap != null) ? List.of("-XX:NativeMemoryTracking=summary", "-Xmx" + maxHeap)
				: List.of("-XX:NativeMemoryTracking=summary");
	}

	/** The talking client: messages per second and for how long; no talker at 0 seconds. */
	private record Talk(int rate, double seconds) {
	}

	private static Session measure(Target target, boolean ownApp, int count, int inFlight, double settle, Talk talk) {
		Memory before = ownApp ? Memory.of(target) : null;
		Map<String, Long> classesBefore = ownApp ? Jcmd.classHistogram(target.pid()) : null;
		try (StompConnector connector = new StompConnector(target.webSocket(), 2)) {
			long start = System.nanoTime();
			StompConnector.Opened opened = connector.open(count, (i) -> "idle-" + i, inFlight, Duration.ofSeconds(120));
			// In waves of in-flight sessions, as they connected: each barrier is a presence
			// snapshot naming everyone online, and ten thousand asked at once kept the
			// server's four inbound threads busy past the 30 s in which a session's
			// heart-beats must be handled, so it closed sessions that had sent them.
			List<StompClient> clients = opened.clients();
			for (int from = 0; from < clients.size(); from += inFlight) {
				StompConnector.subscribeAll(clients.subList(from, Math.min(clients.size(), from + inFlight)),
						Destinations.CHAT, (i) -> (frame, receivedNanos) -> {
						}, Destinations.PRESENCE_SNAPSHOT, Duration.ofSeconds(120));
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			sleep(settle);
			Memory after = ownApp ? Memory.of(target) : null;
			Map<String, Long> classesAfter = ownApp ? Jcmd.classHistogram(target.pid()) : null;
			int open = (int) opened.clients().stream().filter((c) -> c.isOpen()).count();
			var connectMs = opened.connectMicros().percentiles(1000.0);
			IdleProbe.Figures talker = (talk.seconds() > 0)
					? IdleProbe.run(connector, opened.clients(), talk.rate(), talk.seconds(), Duration.ofSeconds(10))
					: null;
			if (!ownApp) {
				return new Session(count, seconds, count / seconds, connectMs.p50(), connectMs.p99(), null, null, null,
						null, null, null, null, null, open, List.of(), talker);
			}
			double heap = (after.heapUsedKiB - before.heapUsedKiB) / (double) count;
			double nonHeap = (after.nativeMemory.nonHeapCommittedKiB() - before.nativeMemory.nonHeapCommittedKiB())
					/ (double) count;
			return new Session(count, seconds, count / seconds, connectMs.p50(), connectMs.p99(), heap, nonHeap,
					heap + nonHeap, (after.rssKiB - before.rssKiB) / (double) count, before.heapUsedKiB / 1024,
					after.heapUsedKiB / 1024, before.rssKiB / 1024, after.rssKiB / 1024, open,
					largestClasses(classesBefore, classesAfter, count), talker);
		}
	}

	private static List<ClassShare> largestClasses(Map<String, Long> before, Map<String, Long> after, int sessions) {
		return after.entrySet()
			.stream()
			.map((e) -> new ClassShare(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / (double) sessions))
			.sorted(Comparator.comparingDouble(ClassShare::bytesPerSession).reversed())
			.limit(12)
			.toList();
	}

	/** The server's memory after a full GC. */
	private record Memory(long heapUsedKiB, Jcmd.NativeMemory nativeMemory, long rssKiB) {

		static Memory of(Target target) {
			Jcmd.gc(target.pid());
			return new Memory(HeapMetric.usedKiB(target), Jcmd.nativeMemory(target.pid()),
					ProcStats.read(target.pid()).rssKiB());
		}

	}

	private static void sleep(double seconds) {
		try {
			Thread.sleep((long) (seconds * 1000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
