package org.socketchat.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.socketchat.messaging.Rooms;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * One typing signal per session and room per interval reaches the room; the others are
 * dropped unanswered. The guard lets a session signal only in the rooms it is in. A signal says only "still typing", so a dropped one loses nothing,
 * and it does not take from the session's message allowance.
 */
class TypingRateLimit implements ChannelInterceptor {

	/** Session attribute: when the session's last signal to each room went through, by destination. */
	private static final String LAST_SIGNALS = TypingRateLimit.class.getName() + ".lastSignals";

	/** A session types only in rooms it is in (the guard sees to it), at most 50 at a time. */
	private static final int FORGET_ABOVE = 64;

	private final long intervalNanos;

	TypingRateLimit(Duration interval) {
		this.intervalNanos = interval.toNanos();
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		SimpMessageHeaderAccessor frame = MessageHeaderAccessor.getAccessor(message, SimpMessageHeaderAccessor.class);
		if (frame == null) {
			frame = SimpMessageHeaderAccessor.wrap(message);
		}
		Map<String, Object> attributes = frame.getSessionAttributes();
		if (frame.getMessageType() != SimpMessageType.MESSAGE || !(Rooms.ofTypingSignal(frame.getDestination()) != null)
				|| attributes == null) {
			return message;
		}
		@SuppressWarnings("unchecked")
		Map<String, Long> lastSignals = (Map<String, Long>) attributes.computeIfAbsent(LAST_SIGNALS,
				(key) -> new ConcurrentHashMap<String, Long>());
		long now = System.nanoTime();
		Long last = lastSignals.get(frame.getDestination());
		if (last != null && now - last < this.intervalNanos) {
			return null;
		}
		if (lastSignals.size() >= FORGET_ABOVE) {
			// Rooms left long ago: signals older than the interval limit nothing.
			lastSignals.values().removeIf((at) -> now - at >= this.intervalNanos);
		}
		lastSignals.put(frame.getDestination(), now);
		return message;
	}

}
