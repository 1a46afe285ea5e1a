package org.socketchat.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.socketchat.messaging.ChatPrincipal;
import org.socketchat.messaging.Rooms;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * A session is in a room while it subscribes to the room's messages. Told only of the
 * subscriptions every interceptor let through: Spring's subscribe events come for refused
 * ones too.
 */
class RoomMembership implements ChannelInterceptor {

	/** Session attribute: the rooms the session subscribed to, by subscription id. */
	private static final String ROOMS = RoomMembership.class.getName() + ".rooms";

	private final Supplier<PresenceTracker> tracker;

	RoomMembership(Supplier<PresenceTracker> tracker) {
		this.tracker = tracker;
	}

	@Override
	public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, Exception ex) {
		SimpMessageHeaderAccessor frame = SimpMessageHeaderAccessor.wrap(message);
		Map<String, Object> attributes = frame.getSessionAttributes();
		if (!sent || attributes == null || !(frame.getUser() instanceof ChatPrincipal user)
				|| frame.getSubscriptionId() == null) {
			return;
		}
		@SuppressWarnings("unchecked")
		Map<String, String> rooms = (Map<String, String>) attributes.computeIfAbsent(ROOMS,
				(key) -> new ConcurrentHashMap<String, String>());
		String room = Rooms.ofMessagesTopic(frame.getDestination());
		if (frame.getMessageType() == SimpMessageType.SUBSCRIBE && room != null) {
			rooms.put(frame.getSubscriptionId(), room);
			this.tracker.get().enter(user, room, attributes);
		}
		else if (frame.getMessageType() == SimpMessageType.UNSUBSCRIBE) {
			String left = rooms.remove(frame.getSubscriptionId());
			if (left != null) {
				this.tracker.get().exit(user, left);
			}
		}
	}

}
