package org.socketchat.messaging;

/** The codes of {@link ClientError}: stable, machine-readable, listed in docs/PROTOCOL.md. */
public enum ErrorCode {

	/** The body was read but breaks a rule (blank content, too long, ...). */
	INVALID_MESSAGE,

	/** The body is not the JSON object the destination takes. */
	MALFORMED_FRAME,

	/** The database failed or the server was too busy; retry with the same clientId. */
	NOT_STORED,

	/** The frame's destination is not one a client may use this way. */
	FORBIDDEN,

	/** The session sent faster than its limit; retry after {@code retryAfterMs}. */
	RATE_LIMITED,

	/** The server is stopping and took nothing more; retry with the same clientId later. */
	SHUTTING_DOWN

}
