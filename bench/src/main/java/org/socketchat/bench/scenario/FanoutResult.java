package org.socketchat.bench.scenario;

import java.util.List;
import java.util.Map;

import org.socketchat.bench.measure.LatencyHistogram.Percentiles;

/**
 * One fan-out round at one rate. Counts are of the measured messages (after warm-up) unless
 * named "total". Server figures are {@code null} when the server's pid is unknown.
 *
 * @param rate messages per second asked of the publishers together
 * @param sent measured messages the publishers sent
 * @param expected deliveries due: sent x subscribers
 * @param drainSeconds how long after the last send arrivals were awaited; later ones count as lost
 * @param delivered distinct measured messages that arrived, over all subscribers
 * @param latencyMs scheduled send to arrival, in ms (a publisher running late adds to it)
 * @param sendRate measured messages per second actually sent
 * @param deliveryRate deliveries per second actually received
 * @param maxSendLagMs how far the publishers fell behind their schedule at worst
 * @param sentTotal messages sent including warm-up
 * @param storedTotal of those, how many the backlog holds
 * @param serverCores server CPU seconds per second of the measured window
 * @param toolCores the load tool's own CPU seconds per second, to show it did not saturate first
 * @param otherCores CPU seconds per second used by every other process on the machine (other
 * people's builds; with --url and no --pid, the server too): above a few tenths, the
 * figures are from a busy machine
 * @param closedSessions sessions the server closed during the round (slow consumer, error)
 * @param passed zero loss, zero duplicates, every message stored, p99 under 100 ms
 * @param instanceCpuSeconds each server instance's CPU seconds in the window, when the
 * sessions were spread over several (server figures above are their sums; peak RSS the sum
 * of each one's peak); {@code null} when a pid is unknown
 * @param helperCpuSeconds CPU seconds of the processes the servers rely on (broker, sqld),
 * by name, over the same window
 * @param cpuWindowSeconds the window the CPU figures cover: from the end of the warm-up until every
 * message arrived (or the drain ended)
 */
record FanoutResult(int subscribers, int publishers, int rate, double seconds, double drainSeconds, long sent,
		long expected,
		long delivered, long lost, long duplicated, Percentiles latencyMs, double sendRate, double deliveryRate,
		double maxSendLagMs, long publisherErrors, long sentTotal, long storedTotal, Double serverCpuSeconds,
		Double serverCores, Long serverPeakRssMiB, double toolCpuSeconds, double toolCores, double otherCores, int closedSessions,
		boolean passed, List<Double> instanceCpuSeconds, Map<String, Double> helperCpuSeconds,
		double cpuWindowSeconds) {

	static final double P99_LIMIT_MS = 100;

}
