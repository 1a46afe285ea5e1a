package org.socketchat.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import org.socketchat.bench.measure.LatencyHistogram;
import org.socketchat.bench.measure.ProcStats;
import org.socketchat.bench.process.Target;
import org.socketchat.bench.stomp.StompClient;
import org.socketchat.bench.stomp.StompConnector;

/**
 * Subscribers and publishers connected to one server, or spread over the instances of one
 * cluster, able to run fan-out rounds at given rates one after another on the same sessions.
 */
final class Audience implements AutoCloseable {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

	/** How long a round may run past its schedule before the publishers give up. */
	private static final long OVERRUN_NANOS = TimeUnit.SECONDS.toNanos(30);

	/** Where the sessions are: subscriber i and publisher p on {@code targets[i mod n]}, {@code [p mod n]}. */
	private final List<Target> targets;

	private final StompConnector connector;

	private final List<StompClient> subscribers;

	private final List<StompClient> publishers;

	private final AtomicReferenceArray<SubscriberTally> tallies;

	private final AtomicLong publisherErrors = new AtomicLong();

	private final ConnectFigures connect;

	private final String runTag = "f" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

	private int rounds;

	private Audience(List<Target> targets, StompConnector connector, List<StompClient> subscribers,
			List<StompClient> publishers, AtomicReferenceArray<SubscriberTally> tallies, ConnectFigures connect) {
		this.targets = targets;
		this.connector = connector;
		this.subscribers = subscribers;
		this.publishers = publishers;
		this.tallies = tallies;
		this.connect = connect;
	}

	/** Connects and subscribes every subscriber to {@code /topic/chat}, then the publishers. */
	static Audience connect(Target target, int subscriberCount, int publisherCount, int readers) {
		return connect(List.of(target), subscriberCount, publisherCount, readers, false);
	}

	/**
	 * Like {@link #connect(Target, int, int, int)}, the subscribers and the publishers each
	 * spread over the instances in turn. They share one database, so the backlog of any of
	 * them holds every stored message.
	 * @param brokerReceipts wait for the broker's receipt of every subscription too (behind
	 * the broker relay the server's own answer does not prove the broker has it)
	 */
	static Audience connect(List<Target> targets, int subscriberCount, int publisherCount, int readers,
			boolean brokerReceipts) {
		StompConnector connector = new StompConnector(targets.stream().map(Target::webSocket).toList(), readers);
		AtomicReferenceArray<SubscriberTally> tallies = new AtomicReferenceArray<>(subscriberCount);
		StompConnector.Opened opened = connector.open(subscriberCount, (i) -> "sub-" + i, 64, CONNECT_TIMEOUT);
		StompConnector.subscribeAll(opened.clients(), Destinations.CHAT, (i) -> (frame, receivedNanos) -> {
			SubscriberTally tally = tallies.get(i);
			if (tally != null) {
				tally.onMessage(frame.body(), receivedNanos);
			}
		}, Destinations.PRESENCE_SNAPSHOT, brokerReceipts, CONNECT_TIMEOUT);
		List<StompClient> publishers = connector.open(publisherCount, (i) -> "pub-" + i, 64, CONNECT_TIMEOUT)
			.clients();
		Audience audience = new Audience(List.copyOf(targets), connector, opened.clients(), publishers, tallies,
				ConnectFigures.of(opened));
		StompConnector.subscribeAll(publishers, Destinations.ERRORS,
				(i) -> (frame, receivedNanos) -> audience.publisherErrors.incrementAndGet(),
				Destinations.PRESENCE_SNAPSHOT, brokerReceipts, CONNECT_TIMEOUT);
		return audience;
	}

	ConnectFigures connectFigures() {
		return this.connect;
	}

	/**
	 * @param rate messages per second, all publishers together
	 * @param size characters of content per message
	 * @param drain how long to wait after the last send for deliveries to arrive
	 */
	record Plan(int rate, double warmupSeconds, double seconds, int size, Duration drain) {
	}

	FanoutResult run(Plan plan) {
		return run(plan, Map.of());
	}

	/**
	 * One round.
	 * @param helpers other processes the servers depend on (a broker, sqld), by name: their
	 * CPU is measured over the same window, and not counted as other people's
	 */
	FanoutResult run(Plan plan, Map<String, Long> helpers) {
		String tag = this.runTag + "r" + (++this.rounds);
		Schedule schedule = new Schedule(plan.rate(), plan.warmupSeconds(), plan.seconds());
		long warmupCount = schedule.warmupCount();
		for (int i = 0; i < this.subscribers.size(); i++) {
			this.tallies.set(i, new SubscriberTally(tag, warmupCount));
		}
		long errorsBefore = this.publisherErrors.get();
		Backlog backlog = new Backlog(this.targets.get(0));
		long lastIdBefore = backlog.lastId();
		// Server figures need every instance's pid (a --url without --pid has none).
		List<Long> pids = this.targets.stream().allMatch((t) -> t.pid() != null)
				? this.targets.stream().map(Target::pid).toList() : List.of();
		pids.forEach(ProcStats::resetPeak);

		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
		long measureStart = start + (long) (plan.warmupSeconds() * 1e9);
		long deadline = measureStart + (long) (plan.seconds() * 1e9) + OVERRUN_NANOS;
		ExecutorService threads = Executors.newFixedThreadPool(this.publishers.size());
		List<Future<Sent>> sending = new ArrayList<>();
		for (int p = 0; p < this.publishers.size(); p++) {
			int publisher = p;
			sending.add(threads.submit(() -> publish(publisher, plan, schedule, tag, start, deadline)));
		}
		parkUntil(measureStart);
		List<ProcStats.Sample> serversBefore = pids.stream().map(ProcStats::read).toList();
		Map<String, Double> helpersBefore = cpuSeconds(helpers);
		ProcStats.Sample toolBefore = ProcStats.self();
		Map<Long, ProcStats.Cpu> processesBefore = ProcStats.allProcesses();

		Sent sent = Sent.NONE;
		for (Future<Sent> publisher : sending) {
			sent = sent.plus(await(publisher, deadline));
		}
		threads.shutdown();
		long expectedPerSubscriber = sent.total();
		long drainEnd = System.nanoTime() + plan.drain().toNanos();
		while (System.nanoTime() < drainEnd && !allArrived(expectedPerSubscriber)) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
		List<ProcStats.Sample> serversAfter = pids.stream().map(ProcStats::read).toList();
		Map<String, Double> helpersAfter = cpuSeconds(helpers);
		ProcStats.Sample toolAfter = ProcStats.self();
		Map<Long, ProcStats.Cpu> processesAfter = ProcStats.allProcesses();

		LatencyHistogram latency = new LatencyHistogram();
		long delivered = 0;
		long duplicated = 0;
		long lastDelivery = measureStart;
		for (int i = 0; i < this.subscribers.size(); i++) {
			SubscriberTally tally = this.tallies.getAndSet(i, null);
			delivered += tally.uniqueMeasured();
			duplicated += tally.duplicates();
			latency.add(tally.latencyMicros());
			lastDelivery = Math.max(lastDelivery, tally.lastReceivedNanos());
		}
		long storedTotal = backlog.countTagged(lastIdBefore, tag, sent.total() * 2 + 10_000);
		double window = Math.max(1e-3, (Math.max(lastDelivery, sent.lastNanos()) - measureStart) / 1e9);
		double cpuWindow = Math.max(1e-3, (System.nanoTime() - measureStart) / 1e9);
		long expected = sent.measured() * this.subscribers.size();
		long lost = expected - delivered;
		var latencyMs = latency.percentiles(1000.0);
		int closed = (int) (this.subscribers.stream().filter((c) -> !c.isOpen()).count()
				+ this.publishers.stream().filter((c) -> !c.isOpen()).count());
		boolean passed = lost == 0 && duplicated == 0 && storedTotal == sent.total() && closed == 0
				&& latencyMs.p99() < FanoutResult.P99_LIMIT_MS && sent.failures() == 0;
		List<Double> instanceCpu = new ArrayList<>();
		long peakRssKiB = 0;
		for (int i = 0; i < pids.size(); i++) {
			instanceCpu.add(serversAfter.get(i).cpuSeconds() - serversBefore.get(i).cpuSeconds());
			peakRssKiB += serversAfter.get(i).peakRssKiB();
		}
		Double serverCpu = pids.isEmpty() ? null : instanceCpu.stream().mapToDouble(Double::doubleValue).sum();
		Map<String, Double> helperCpu = new LinkedHashMap<>();
		helpersAfter.forEach((name, after) -> helperCpu.put(name, after - helpersBefore.get(name)));
		double toolCpu = toolAfter.cpuSeconds() - toolBefore.cpuSeconds();
		Set<Long> ours = new HashSet<>(pids);
		ours.addAll(helpers.values());
		ours.add(ProcessHandle.current().pid());
		double otherCores = ProcStats.othersBetween(processesBefore, processesAfter, ours) / cpuWindow;
		return new FanoutResult(this.subscribers.size(), this.publishers.size(), plan.rate(), plan.seconds(),
				plan.drain().toSeconds(), sent.measured(), expected, delivered, lost, duplicated, latencyMs,
				sent.measured() / Math.max(1e-3, (sent.lastNanos() - measureStart) / 1e9), delivered / window,
				sent.maxLagNanos() / 1e6, this.publisherErrors.get() - errorsBefore, sent.total(), storedTotal,
				serverCpu, (serverCpu != null) ? serverCpu / cpuWindow : null,
				pids.isEmpty() ? null : peakRssKiB / 1024,
				toolCpu, toolCpu / cpuWindow, otherCores, closed, passed, pids.isEmpty() ? null : instanceCpu,
				helperCpu, cpuWindow);
	}

	private static Map<String, Double> cpuSeconds(Map<String, Long> processes) {
		Map<String, Double> seconds = new LinkedHashMap<>();
		processes.forEach((name, pid) -> seconds.put(name, ProcStats.read(pid).cpuSeconds()));
		return seconds;
	}

	/** One publisher's share: every P-th message of the schedule, each at its due time. */
	private Sent publish(int publisher, Plan plan, Schedule schedule, String tag, long start, long deadline) {
		StompClient client = this.publishers.get(publisher);
		int step = this.publishers.size();
		long sent = 0;
		long measured = 0;
		long maxLag = 0;
		long last = 0;
		long total = schedule.total();
		long warmupCount = schedule.warmupCount();
		for (long k = publisher; k < total; k += step) {
			long due = start + (long) (schedule.dueSeconds(k) * 1e9);
			parkUntil(due);
			long now = System.nanoTime();
			if (now > deadline) {
				return new Sent(sent, measured, maxLag, last, 1);
			}
			maxLag = Math.max(maxLag, now - due);
			try {
				// The due time, not the actual one, goes in the message: a server that pushes
				// back makes the publisher late, and that lateness is part of the latency.
				client.send(Destinations.SEND, new Probe(tag, k, due).json(plan.size()));
			}
			catch (IllegalStateException ex) {
				return new Sent(sent, measured, maxLag, last, 1);
			}
			sent++;
			if (k >= warmupCount) {
				measured++;
			}
			last = System.nanoTime();
		}
		return new Sent(sent, measured, maxLag, last, 0);
	}

	private record Sent(long total, long measured, long maxLagNanos, long lastNanos, int failures) {

		static final Sent NONE = new Sent(0, 0, 0, 0, 0);

		Sent plus(Sent other) {
			return new Sent(this.total + other.total, this.measured + other.measured,
					Math.max(this.maxLagNanos, other.maxLagNanos), Math.max(this.lastNanos, other.lastNanos),
					this.failures + other.failures);
		}

	}

	private boolean allArrived(long expectedPerSubscriber) {
		for (int i = 0; i < this.tallies.length(); i++) {
			if (this.tallies.get(i).unique() < expectedPerSubscriber) {
				return false;
			}
		}
		return true;
	}

	private static Sent await(Future<Sent> publisher, long deadline) {
		try {
			return publisher.get(Math.max(1, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(15),
					TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			publisher.cancel(true);
			return new Sent(0, 0, 0, 0, 1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void parkUntil(long nanoTime) {
		for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
			LockSupport.parkNanos(wait); // returns early at times; the loop ends at the due time
		}
	}

	@Override
	public void close() {
		this.connector.close();
	}

}
