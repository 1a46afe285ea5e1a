package org.socketchat.bench.scenario;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.socketchat.bench.measure.LatencyHistogram;
import org.socketchat.bench.stomp.StompClient;
import org.socketchat.bench.stomp.StompConnector;

/**
 * One normal chat client among the idle sessions: it sends at a steady rate and times
 * each of its messages until its own broadcast copy comes back, which the server sends
 * only after storing the message and fanning it out to every idle subscriber too. So it
 * shows whether a server full of idle sessions still serves the people who talk.
 */
public final class IdleProbe {

	/** The target's bound on the talking client's p99. */
	static final double P99_LIMIT_MS = 100;

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * @param sent messages the probe sent
	 * @param received its own copies that came back, each once
	 * @param latencyMs from the scheduled send to the copy's arrival
	 * @param idleOpen idle sessions still open after the probe
	 */
	public record Figures(int rate, double seconds, long sent, long received, LatencyHistogram.Percentiles latencyMs,
			int idleSessions, int idleOpen) {

		/** Why the probe fails the target, or {@code null}. */
		public String failure() {
			if (this.sent == 0 || this.received < this.sent) {
				return "the talking client got " + this.received + " of its " + this.sent + " messages back";
			}
			if (this.idleOpen < this.idleSessions) {
				return (this.idleSessions - this.idleOpen) + " idle session(s) closed";
			}
			if (this.latencyMs.p99() >= P99_LIMIT_MS) {
				return "the talking client's p99 was " + this.latencyMs.p99() + " ms (limit " + P99_LIMIT_MS + ")";
			}
			return null;
		}

	}

	private IdleProbe() {
	}

	/**
	 * Connects one more session, sends {@code rate × seconds} messages on schedule, waits
	 * up to {@code drain} for the last copies, and counts the idle sessions still open.
	 */
	static Figures run(StompConnector connector, List<StompClient> idle, int rate, double seconds, Duration drain) {
		String tag = "i" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
		SubscriberTally tally = new SubscriberTally(tag, 0);
		StompClient talker = connector.open(1, (i) -> "talker", 1, CONNECT_TIMEOUT).clients().get(0);
		StompConnector.subscribeAll(List.of(talker), Destinations.CHAT,
				(i) -> (frame, receivedNanos) -> tally.onMessage(frame.body(), receivedNanos),
				Destinations.PRESENCE_SNAPSHOT, CONNECT_TIMEOUT);
		long count = Math.round(rate * seconds);
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
		long sent = 0;
		for (long k = 0; k < count && talker.isOpen(); k++) {
			long due = start + k * TimeUnit.SECONDS.toNanos(1) / rate;
			parkUntil(due);
			talker.send(Destinations.SEND, new Probe(tag, k, due).json(100));
			sent++;
		}
		long drainEnd = System.nanoTime() + drain.toNanos();
		while (tally.unique() < sent && System.nanoTime() < drainEnd) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
		int open = (int) idle.stream().filter(StompClient::isOpen).count();
		return new Figures(rate, seconds, sent, tally.unique(), tally.latencyMicros().percentiles(1000.0), idle.size(),
				open);
	}

	private static void parkUntil(long nanoTime) {
		for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
			LockSupport.parkNanos(wait);
		}
	}

}
