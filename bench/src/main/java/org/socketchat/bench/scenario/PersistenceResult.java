package org.socketchat.bench.scenario;

import org.socketchat.bench.measure.LatencyHistogram.Percentiles;

/**
 * Stored-and-acknowledged throughput on one backend; all figures {@code null} but the
 * backend when it was skipped, with the reason.
 *
 * @param backend {@code embedded}, {@code sqld}, {@code sqld+20ms} or {@code given} (a --url)
 * @param ackedPerSecond acknowledgements (the sender's own broadcast copy) per second, first send to last ack
 * @param ackLatencyMs send to acknowledgement
 * @param storedBacklog messages of this run that {@code GET /api/messages} returns
 * @param storedInSqld of this run's messages, how many sqld itself holds (sqld backends)
 * @param sqldCpuSeconds sqld's CPU during the run (sqld backends)
 * @param otherCores CPU seconds per second of every other process on the machine meanwhile
 */
record PersistenceResult(String backend, String skipped, Integer senders, Integer window, Long sent, Long acked,
		Long errors, Long unacked, Long duplicates, Double seconds, Double ackedPerSecond, Percentiles ackLatencyMs,
		Long storedBacklog, Long storedInSqld, Double serverCpuSeconds, Double serverCores, Long serverPeakRssMiB,
		Double sqldCpuSeconds, Long sqldPeakRssMiB, Double toolCores, Double otherCores) {

	static PersistenceResult skipped(String backend, String reason) {
		return new PersistenceResult(backend, reason, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null);
	}

}
