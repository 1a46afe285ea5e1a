package org.socketchat.bench.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One chaos client's sends not yet acknowledged, as the page's outbox: each keeps its
 * clientId until its own broadcast or retry reply arrives, and is sent again after a
 * reconnect or, when refused for now ({@code RATE_LIMITED}, {@code NOT_STORED}, or a code
 * this tool does not know), after a pause. Synchronized: the reading thread acknowledges.
 */
final class Outbox {

	/** Refusals that no retry can change: the tool's sends are valid, so each one is a failure. */
	static final Set<String> FINAL_CODES = Set.of("INVALID_MESSAGE", "MALFORMED_FRAME", "FORBIDDEN");

	private static final long AWAITING_ANSWER = Long.MAX_VALUE;

	private static final long RETRY_PAUSE_NANOS = 500_000_000L;

	private final String username;

	/** clientId to its SEND body and when it is due (again). */
	private final Map<String, Pending> pending = new LinkedHashMap<>();

	private final List<ChaosCheck.Ack> acks = new ArrayList<>();

	private final Map<String, Long> errors = new TreeMap<>();

	private long created;

	private long frames;

	private long retried;

	private long refused;

	private static final class Pending {

		final String json;

		long dueNanos;

		boolean sent;

		Pending(String json, long dueNanos) {
			this.json = json;
			this.dueNanos = dueNanos;
		}

	}

	Outbox(String username) {
		this.username = username;
	}

	synchronized void add(String clientId, String json, long nowNanos) {
		this.pending.put(clientId, new Pending(json, nowNanos));
		this.created++;
	}

	/** The bodies due by now, in the order they were made; each then awaits its answer. */
	synchronized List<String> takeDue(long nowNanos) {
		List<String> due = new ArrayList<>();
		for (Pending send : this.pending.values()) {
			if (send.dueNanos <= nowNanos) {
				due.add(send.json);
				send.dueNanos = AWAITING_ANSWER;
				this.frames++;
				this.retried += send.sent ? 1 : 0;
				send.sent = true;
			}
		}
		return due;
	}

	/** After a reconnect: whatever was not acknowledged may never have arrived. */
	synchronized void allDue(long nowNanos) {
		this.pending.values().forEach((send) -> send.dueNanos = nowNanos);
	}

	/** One of this client's messages came back stored: acknowledged if it was this client's send. */
	synchronized boolean acknowledge(StoredMessage message) {
		if (!this.username.equals(message.username()) || message.clientId() == null) {
			return false;
		}
		this.acks.add(new ChaosCheck.Ack(message.username(), message.clientId(), message.id()));
		return this.pending.remove(message.clientId()) != null;
	}

	/** An error on /user/queue/errors for one of this client's sends. */
	synchronized void refused(String code, String clientId, long retryAfterMs, long nowNanos) {
		this.errors.merge(code, 1L, Long::sum);
		Pending send = (clientId != null) ? this.pending.get(clientId) : null;
		if (send == null) {
			return;
		}
		if (FINAL_CODES.contains(code)) {
			this.pending.remove(clientId);
			this.refused++;
			return;
		}
		send.dueNanos = nowNanos + Math.max(RETRY_PAUSE_NANOS, retryAfterMs * 1_000_000L);
	}

	synchronized int unacknowledged() {
		return this.pending.size();
	}

	synchronized Figures figures() {
		return new Figures(this.created, this.frames, this.retried, this.refused, this.pending.size(),
				List.copyOf(this.acks), Map.copyOf(this.errors));
	}

	/** @param acks every acknowledgement seen, a send acknowledged twice (retry reply) twice */
	record Figures(long created, long frames, long retried, long refused, long unacknowledged,
			List<ChaosCheck.Ack> acks, Map<String, Long> errors) {
	}

}
