package org.socketchat.bench.scenario;

import java.util.BitSet;

import org.socketchat.bench.measure.LatencyHistogram;

/**
 * What one subscriber received in one fan-out round: which messages (by index, so a loss
 * or a duplicate is seen), and the end-to-end latency of the measured ones. Written only
 * by that subscriber's receiving thread; read by the round after the counters (volatile,
 * written last) say all arrived, so the plain fields written before them are visible.
 */
final class SubscriberTally {

	private final String tag;

	private final long firstMeasured;

	private final BitSet seen = new BitSet();

	private final LatencyHistogram latencyMicros = new LatencyHistogram();

	private volatile long duplicates;

	private long lastReceivedNanos;

	private volatile long unique;

	private volatile long uniqueMeasured;

	/** @param firstMeasured index of the first message after warm-up */
	SubscriberTally(String tag, long firstMeasured) {
		this.tag = tag;
		this.firstMeasured = firstMeasured;
	}

	void onMessage(String json, long receivedNanos) {
		Probe probe = Probe.fromMessage(json, this.tag);
		if (probe == null) {
			return; // another round's message, still in flight
		}
		int index = Math.toIntExact(probe.index());
		if (this.seen.get(index)) {
			this.duplicates = this.duplicates + 1;
		}
		else {
			this.seen.set(index);
			if (index >= this.firstMeasured) {
				this.latencyMicros.record((receivedNanos - probe.sentNanos()) / 1_000);
				this.lastReceivedNanos = receivedNanos;
				this.uniqueMeasured = this.uniqueMeasured + 1;
			}
			this.unique = this.unique + 1;
		}
	}

	long unique() {
		return this.unique;
	}

	long uniqueMeasured() {
		return this.uniqueMeasured;
	}

	long duplicates() {
		return this.duplicates;
	}

	long lastReceivedNanos() {
		return this.lastReceivedNanos;
	}

	LatencyHistogram latencyMicros() {
		return this.latencyMicros;
	}

}
