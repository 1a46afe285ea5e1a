package org.socketchat.messaging;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * What a client may send and subscribe to, checked for every inbound frame: the table
 * below is the whole of it (docs/PROTOCOL.md says the same). Destinations are matched whole,
 * as the exact strings the broker will use: a path matcher would also accept
 * {@code /topic/chat;x} or {@code /topic/ch%61t}, each a subscription of its own to the
 * broker. A refused frame goes no further: a connected session gets {@code FORBIDDEN} on
 * its error queue. (Spring itself answers frames before CONNECT with an ERROR frame; the
 * guard's own ERROR frame covers a session whose CONNECT was refused.)
 */
class DestinationGuard implements ChannelInterceptor {

	/** Frames without a destination that any session may send. */
	private static final Set<SimpMessageType> WITHOUT_DESTINATION = Set.of(SimpMessageType.CONNECT,
			SimpMessageType.HEARTBEAT, SimpMessageType.UNSUBSCRIBE, SimpMessageType.DISCONNECT);

	/**
	 * The destinations a connected session may use, by frame: whole strings, so nothing
	 * can follow a room's name.
	 */
	private static final Map<SimpMessageType, Pattern> ALLOWED = Map.of(SimpMessageType.MESSAGE,
			Pattern.compile("/app/chat|/app/rooms/" + Rooms.NAME + "/(chat|typing)"), SimpMessageType.SUBSCRIBE,
			Pattern.compile("/topic/chat|/topic/presence|/user/queue/chat|/user/queue/errors|/app/presence"
					+ "|/topic/rooms\\." + Rooms.NAME + "(\\.presence|\\.typing)?|/app/rooms/" + Rooms.NAME
					+ "/presence"));

	/** {@code general}'s messages keep their topic: this one would be a second, empty one. */
	private static final String DEFAULT_ROOM_ALIAS = "/topic/rooms." + Rooms.DEFAULT;

	/** Each subscription costs the server work on every broadcast to it. */
	static final int MAX_SUBSCRIPTIONS = 50;

	/** Session attribute: the session's broker subscriptions, destination by subscription id. */
	private static final String SUBSCRIPTIONS = DestinationGuard.class.getName() + ".subscriptions";

	private final ErrorQueue errors;

	private final ErrorFrames errorFrames;

	DestinationGuard(ErrorQueue errors, ErrorFrames errorFrames) {
		this.errors = errors;
		this.errorFrames = errorFrames;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = accessor(message);
		if (!allowed(accessor)) {
			refuse(accessor, describe(accessor) + " is not allowed");
			return null;
		}
		String typingIn = Rooms.ofTypingSignal(accessor.getDestination());
		if (typingIn != null && !subscriptions(accessor).containsValue(Rooms.messagesTopic(typingIn))) {
			refuse(accessor, "typing in " + typingIn + " needs a subscription to " + Rooms.messagesTopic(typingIn));
			return null;
		}
		if (DEFAULT_ROOM_ALIAS.equals(accessor.getDestination())) {
			refuse(accessor, describe(accessor) + " is not allowed: the messages of " + Rooms.DEFAULT + " are on "
					+ Rooms.messagesTopic(Rooms.DEFAULT));
			return null;
		}
		return trackSubscriptions(accessor) ? message : null;
	}

	/**
	 * The frame's own accessor, as {@code SessionPrincipalInterceptor} reads it: frames from
	 * clients carry a mutable one, so nothing is copied for every frame.
	 */
	private static StompHeaderAccessor accessor(Message<?> message) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		return (accessor != null) ? accessor : StompHeaderAccessor.wrap(message);
	}

	private static boolean allowed(StompHeaderAccessor frame) {
		SimpMessageType type = frame.getMessageType();
		if (WITHOUT_DESTINATION.contains(type)) {
			return true;
		}
		String destination = frame.getDestination();
		Pattern allowed = ALLOWED.get(type);
		return frame.getUser() instanceof ChatPrincipal && destination != null && allowed != null
				&& allowed.matcher(destination).matches();
	}

	/**
	 * One subscription per destination and session: each extra one would have every
	 * broadcast sent to the session again, a client's way to make the server work for it.
	 */
	private boolean trackSubscriptions(StompHeaderAccessor accessor) {
		String destination = accessor.getDestination();
		if (accessor.getSessionAttributes() == null || (destination != null && destination.startsWith("/app/"))) {
			return true;
		}
		Map<String, String> subscriptions = subscriptions(accessor);
		String id = accessor.getSubscriptionId();
		if (accessor.getMessageType() == SimpMessageType.UNSUBSCRIBE && id != null) {
			subscriptions.remove(id);
		}
		else if (accessor.getMessageType() == SimpMessageType.SUBSCRIBE) {
			// The broker keeps the first of two subscriptions with one id, and this map would
			// keep the second: every check below would be fooled.
			if (id == null || subscriptions.containsKey(id)) {
				refuse(accessor, (id == null) ? "a SUBSCRIBE needs an id" : "subscription id " + id + " is in use");
				return false;
			}
			if (subscriptions.containsValue(destination)) {
				refuse(accessor, "already subscribed to " + destination);
				return false;
			}
			if (subscriptions.size() >= MAX_SUBSCRIPTIONS) {
				refuse(accessor, "too many subscriptions: at most " + MAX_SUBSCRIPTIONS + " at once");
				return false;
			}
			subscriptions.put(id, destination);
		}
		return true;
	}

	/** The session's broker subscriptions, destination by subscription id. */
	private static Map<String, String> subscriptions(StompHeaderAccessor accessor) {
		Map<String, Object> attributes = accessor.getSessionAttributes();
		if (attributes == null) {
			return Map.of();
		}
		@SuppressWarnings("unchecked")
		Map<String, String> subscriptions = (Map<String, String>) attributes.computeIfAbsent(SUBSCRIPTIONS,
				(key) -> new ConcurrentHashMap<String, String>());
		return subscriptions;
	}

	private void refuse(StompHeaderAccessor accessor, String reason) {
		if (accessor.getUser() instanceof ChatPrincipal session) {
			this.errors.send(session, ClientError.forbidden(accessor.getDestination(), reason));
		}
		else {
			this.errorFrames.send(accessor.getSessionId(), "CONNECT first: " + reason);
		}
	}

	private static String describe(StompHeaderAccessor accessor) {
		String frame = (accessor.getCommand() != null) ? accessor.getCommand().name()
				: String.valueOf(accessor.getMessageType());
		return (accessor.getDestination() != null) ? frame + " to " + accessor.getDestination() : frame;
	}

}
