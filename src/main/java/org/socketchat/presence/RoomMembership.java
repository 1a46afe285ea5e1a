package org.socketchat.presence;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.socketchat.messaging.ChatPrincipal;
import org.socketchat.messaging.Rooms;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * A session is in a room while it subscribes to the room's messages. The last inbound
 * interceptor, so it sees only the subscriptions the others let through (Spring's subscribe
 * events come for refused ones too), and in the order the session sent them, before they
 * are handled (after sending, the next frame may already be on its way). A session that joins and leaves rooms faster than people do is still counted,
 * but no longer announced: its subscribe-unsubscribe loop would otherwise be a notice to
 * everyone in the room each time.
 */
class RoomMembership implements ChannelInterceptor {

	/** Session attribute: the rooms the session subscribed to, by subscription id. */
	private static final String ROOMS = RoomMembership.class.getName() + ".rooms";

	/** Session attribute: the session's allowance of announced joins and leaves. */
	private static final String ANNOUNCEMENTS = RoomMembership.class.getName() + ".announcements";

	/** A page joining every room it can twice over (a reconnect), then one change a second. */
	private static final Bandwidth ANNOUNCED = Bandwidth.builder()
		.capacity(100)
		.refillGreedy(1, Duration.ofSeconds(1))
		.build();

	private final Supplier<PresenceTracker> tracker;

	RoomMembership(Supplier<PresenceTracker> tracker) {
		this.tracker = tracker;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		follow(message);
		return message;
	}

	private void follow(Message<?> message) {
		// The frame's own accessor, as the other interceptors read it: nothing is copied.
		SimpMessageHeaderAccessor frame = MessageHeaderAccessor.getAccessor(message, SimpMessageHeaderAccessor.class);
		if (frame == null) {
			frame = SimpMessageHeaderAccessor.wrap(message);
		}
		SimpMessageType type = frame.getMessageType();
		Map<String, Object> attributes = frame.getSessionAttributes();
		if ((type != SimpMessageType.SUBSCRIBE && type != SimpMessageType.UNSUBSCRIBE) || attributes == null
				|| !(frame.getUser() instanceof ChatPrincipal user) || frame.getSubscriptionId() == null) {
			return;
		}
		@SuppressWarnings("unchecked")
		Map<String, String> rooms = (Map<String, String>) attributes.computeIfAbsent(ROOMS,
				(key) -> new ConcurrentHashMap<String, String>());
		String room = (type == SimpMessageType.SUBSCRIBE) ? Rooms.ofMessagesTopic(frame.getDestination())
				: rooms.remove(frame.getSubscriptionId());
		if (room == null) {
			return;
		}
		Bucket allowance = (Bucket) attributes.computeIfAbsent(ANNOUNCEMENTS,
				(key) -> Bucket.builder().addLimit(ANNOUNCED).build());
		if (type == SimpMessageType.SUBSCRIBE) {
			rooms.put(frame.getSubscriptionId(), room);
			this.tracker.get().enter(user, room, attributes, allowance.tryConsume(1));
		}
		else {
			this.tracker.get().exit(user, room, allowance.tryConsume(1));
		}
	}

}
