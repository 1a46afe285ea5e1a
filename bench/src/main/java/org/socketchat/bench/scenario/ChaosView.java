package org.socketchat.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One chaos client's view of the chat, kept as the page keeps its timeline
 * ({@code timeline.js}): messages by id, each once, and the highest id up to which it has
 * every message, from where a reconnect reads the backlog. Called from the reading thread
 * and the client's own, so every method is synchronized.
 */
final class ChaosView {

	private final SortedMap<Long, StoredMessage> shown = new TreeMap<>();

	private long caughtUpTo;

	/** Ids that came again with another author, clientId or content: never in a sound chat. */
	private long conflicts;

	/** Shows a stored message (live, a retry reply or from the backlog) unless its id is shown. */
	synchronized void show(StoredMessage message) {
		StoredMessage before = this.shown.putIfAbsent(message.id(), message);
		if (before != null && !before.equals(message)) {
			this.conflicts++;
		}
		advance();
	}

	/** The backlog was read up to this id: nothing at or below it can still be missing. */
	synchronized void markCaughtUp(long id) {
		this.caughtUpTo = Math.max(this.caughtUpTo, id);
		advance();
	}

	synchronized long caughtUpTo() {
		return this.caughtUpTo;
	}

	synchronized long conflicts() {
		return this.conflicts;
	}

	/** Every message shown, in id order. */
	synchronized List<StoredMessage> messages() {
		return new ArrayList<>(this.shown.values());
	}

	private void advance() {
		while (this.shown.containsKey(this.caughtUpTo + 1)) {
			this.caughtUpTo++;
		}
	}

}
