package org.socketchat.bench.scenario;

/** The chat's STOMP destinations the bench uses, as docs/PROTOCOL.md names them. */
final class Destinations {

	static final String SEND = "/app/chat";

	static final String CHAT = "/topic/chat";

	static final String ERRORS = "/user/queue/errors";

	/** The stored copy of a retried send ({@code clientId} already stored), to its sender alone. */
	static final String RETRY_REPLIES = "/user/queue/chat";

	/**
	 * Answers a subscription once with who is online. The bench uses that answer as a
	 * barrier: the session's earlier subscriptions are in place once it arrives.
	 */
	static final String PRESENCE_SNAPSHOT = "/app/presence";

	private Destinations() {
	}

}
