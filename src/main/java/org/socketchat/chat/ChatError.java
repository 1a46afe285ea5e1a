package org.socketchat.chat;

/**
 * Sent on {@code /user/queue/errors} to the one session whose frame failed.
 *
 * @param code stable, machine-readable: see {@code docs/PROTOCOL.md}
 * @param message readable explanation
 * @param clientId the failed frame's clientId when it could be read, else {@code null}
 */
record ChatError(String code, String message, String clientId) {

	static final String INVALID_MESSAGE = "INVALID_MESSAGE";

	static final String MALFORMED_FRAME = "MALFORMED_FRAME";

	static final String NOT_STORED = "NOT_STORED";

}
