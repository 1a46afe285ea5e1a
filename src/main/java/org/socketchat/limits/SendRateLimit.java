package org.socketchat.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.socketchat.messaging.ClientError;
import org.socketchat.messaging.ChatPrincipal;
import org.socketchat.messaging.ErrorQueue;
import org.socketchat.messaging.Rooms;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * A token bucket per session for the frames that make the server work: every SEND but
 * typing signals, and a SUBSCRIBE to an {@code /app} destination (a presence snapshot is
 * computed for each).
 * A burst, then a steady rate. A frame over the limit is dropped before it is handled or
 * stored (only its clientId is read, for the answer), and the sender alone is told when
 * to retry. The bucket lives in the
 * session's attributes, so it goes when the session does.
 */
class SendRateLimit implements ChannelInterceptor {

	private static final String BUCKET = SendRateLimit.class.getName() + ".bucket";

	private final Bandwidth bandwidth;

	private final ErrorQueue errors;

	private final JsonMapper json;

	SendRateLimit(LimitsProperties limits, ErrorQueue errors, JsonMapper json) {
		this.bandwidth = Bandwidth.builder()
			.capacity(limits.messageBurst())
			.refillGreedy(limits.messagesPerSecond(), Duration.ofSeconds(1))
			.build();
		this.errors = errors;
		this.json = json;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		// The frame's own accessor: frames from clients carry a mutable one, nothing is copied.
		SimpMessageHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message,
				SimpMessageHeaderAccessor.class);
		if (accessor == null) {
			accessor = SimpMessageHeaderAccessor.wrap(message);
		}
		Map<String, Object> attributes = accessor.getSessionAttributes();
		if (!costsWork(accessor) || attributes == null || !(accessor.getUser() instanceof ChatPrincipal sender)) {
			return message;
		}
		Bucket bucket = (Bucket) attributes.computeIfAbsent(BUCKET,
				(key) -> Bucket.builder().addLimit(this.bandwidth).build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return message;
		}
		long retryAfterMs = TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForRefill()) + 1;
		this.errors.send(sender, ClientError.rateLimited(clientId(message.getPayload()), accessor.getDestination(),
				retryAfterMs));
		return null;
	}

	/** Typing signals have a limit of their own ({@link TypingRateLimit}). */
	private static boolean costsWork(SimpMessageHeaderAccessor frame) {
		return (frame.getMessageType() == SimpMessageType.MESSAGE && !(Rooms.ofTypingSignal(frame.getDestination()) != null))
				|| (frame.getMessageType() == SimpMessageType.SUBSCRIBE && frame.getDestination() != null
						&& frame.getDestination().startsWith("/app/"));
	}

	/** The refused frame's clientId, so its sender knows which send to repeat. */
	private String clientId(Object payload) {
		try {
			JsonNode clientId = (payload instanceof byte[] body) ? this.json.readTree(body).get("clientId") : null;
			return (clientId != null && clientId.isString()) ? clientId.asString() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
