package org.socketchat.bench.scenario;

import java.util.List;
import java.util.Map;

/**
 * One chaos run on one backend; all figures {@code null} but the backend when it was
 * skipped, with the reason.
 *
 * @param messages distinct sends (clientIds) the clients made
 * @param frames {@code SEND} frames written, retries included
 * @param retried frames that repeated a clientId already sent (after a reconnect or a refusal)
 * @param acknowledged distinct sends whose own broadcast or retry reply arrived
 * @param unacknowledged sends still without one when the settle time ran out
 * @param refused sends refused for good (INVALID_MESSAGE, MALFORMED_FRAME, FORBIDDEN)
 * @param errors every error payload the clients got, by code
 * @param reconnects successful connects after each client's first
 * @param dropped sessions that ended without the client leaving (the kill, or the server)
 * @param appBackSeconds from the SIGKILL to the restarted app answering its health check
 * @param firstAckSeconds from the SIGKILL to the first acknowledgement after it
 * @param viewConflicts ids a client saw twice with different contents, summed over clients
 */
record ChaosResult(String backend, String skipped, Integer clients, Double seconds, Long seed, Long messages,
		Long frames, Long retried, Long acknowledged, Long unacknowledged, Long refused, Long stored, Long lost,
		Long duplicated, Long viewsDiffering, Long viewConflicts, Map<String, Long> errors, Long reconnects,
		Long connectFailures, Long leaves, Long dropped, Double appBackSeconds, Double firstAckSeconds,
		List<String> problems, Boolean passed) {

	static ChaosResult skipped(String backend, String reason) {
		return new ChaosResult(backend, reason, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null);
	}

	/** Why it failed, or {@code null} when it passed or was skipped. */
	String failure() {
		if (this.skipped != null || Boolean.TRUE.equals(this.passed)) {
			return null;
		}
		return this.backend + ": lost " + this.lost + ", duplicated " + this.duplicated + ", views differing "
				+ this.viewsDiffering + ", unacknowledged " + this.unacknowledged + ", refused " + this.refused
				+ ", view conflicts " + this.viewConflicts + "; " + this.problems;
	}

}
