package org.socketchat.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.messaging.access.intercept.MessageAuthorizationContext;
import org.springframework.security.messaging.access.intercept.MessageMatcherDelegatingAuthorizationManager;

import static org.springframework.messaging.simp.SimpMessageType.CONNECT;
import static org.springframework.messaging.simp.SimpMessageType.DISCONNECT;
import static org.springframework.messaging.simp.SimpMessageType.HEARTBEAT;
import static org.springframework.messaging.simp.SimpMessageType.UNSUBSCRIBE;

/**
 * What a client may send and subscribe to, checked for every inbound frame: the table in
 * {@link #ALLOW_LIST} is the whole of it (docs/PROTOCOL.md says the same). A refused frame
 * goes no further: a connected session gets {@code FORBIDDEN} on its error queue, a
 * session that has not connected an ERROR frame. Spring Security's matchers are used
 * without its channel interceptor, which would also demand a CSRF token on CONNECT; the
 * handshake's same-origin check already keeps other sites' pages out.
 */
class DestinationGuard implements ChannelInterceptor {

	private static final AuthorizationManager<MessageAuthorizationContext<?>> CONNECTED = (authentication,
			context) -> new AuthorizationDecision(
					SimpMessageHeaderAccessor.getUser(context.getMessage().getHeaders()) instanceof ChatPrincipal);

	static final AuthorizationManager<Message<?>> ALLOW_LIST = MessageMatcherDelegatingAuthorizationManager.builder()
		.simpTypeMatchers(CONNECT, HEARTBEAT, UNSUBSCRIBE, DISCONNECT).permitAll()
		.simpMessageDestMatchers("/app/chat").access(CONNECTED)
		.simpSubscribeDestMatchers("/topic/chat", "/topic/presence", "/user/queue/chat", "/user/queue/errors")
		.access(CONNECTED)
		.simpSubscribeDestMatchers("/app/presence").access(CONNECTED)
		.anyMessage().denyAll()
		.build();

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
		StompHeaderAccessor accessor = StompHeaderAccessor.wrap(message);
		AuthorizationResult result = ALLOW_LIST.authorize(() -> null, message);
		if (result == null || !result.isGranted()) {
			refuse(accessor, describe(accessor) + " is not allowed");
			return null;
		}
		return trackSubscriptions(accessor) ? message : null;
	}

	/**
	 * One subscription per destination and session: each extra one would have every
	 * broadcast sent to the session again, a client's way to make the server work for it.
	 */
	private boolean trackSubscriptions(StompHeaderAccessor accessor) {
		Map<String, Object> attributes = accessor.getSessionAttributes();
		String destination = accessor.getDestination();
		if (attributes == null || (destination != null && destination.startsWith("/app/"))) {
			return true;
		}
		@SuppressWarnings("unchecked")
		Map<String, String> subscriptions = (Map<String, String>) attributes.computeIfAbsent(SUBSCRIPTIONS,
				(key) -> new ConcurrentHashMap<String, String>());
		if (accessor.getMessageType() == SimpMessageType.UNSUBSCRIBE && accessor.getSubscriptionId() != null) {
			subscriptions.remove(accessor.getSubscriptionId());
		}
		else if (accessor.getMessageType() == SimpMessageType.SUBSCRIBE) {
			if (subscriptions.containsValue(destination)) {
				refuse(accessor, "already subscribed to " + destination);
				return false;
			}
			subscriptions.put(String.valueOf(accessor.getSubscriptionId()), destination);
		}
		return true;
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
