package org.socketchat.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

/**
 * Sent on {@code /user/queue/errors} to the one session whose frame failed.
 *
 * @param code what went wrong
 * @param message readable explanation
 * @param clientId the failed frame's clientId when it could be read, else {@code null}
 * @param destination only with {@link ErrorCode#FORBIDDEN} and {@link ErrorCode#RATE_LIMITED}:
 * the refused frame's destination, so a client knows which room or snapshot it concerns
 * @param retryAfterMs only with {@link ErrorCode#RATE_LIMITED}: when a retry will be taken
 */
public record ClientError(ErrorCode code, String message, String clientId,
		@JsonInclude(Include.NON_NULL) String destination, @JsonInclude(Include.NON_NULL) Long retryAfterMs) {

	public ClientError(ErrorCode code, String message, String clientId) {
		this(code, message, clientId, null, null);
	}

	static ClientError forbidden(String destination, String message) {
		return new ClientError(ErrorCode.FORBIDDEN, message, null, destination, null);
	}

	public static ClientError rateLimited(String clientId, String destination, long retryAfterMs) {
		return new ClientError(ErrorCode.RATE_LIMITED, "too many messages, slow down", clientId, destination,
				retryAfterMs);
	}

}
