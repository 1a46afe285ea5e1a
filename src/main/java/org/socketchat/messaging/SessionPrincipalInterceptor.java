package org.socketchat.messaging;

import java.util.UUID;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Gives every session that connects a {@link ChatPrincipal} of its own, or refuses the
 * CONNECT with an ERROR frame that says what is wrong with the username.
 */
class SessionPrincipalInterceptor implements ChannelInterceptor {

	static final String USERNAME_HEADER = "username";

	private final ErrorFrames errorFrames;

	SessionPrincipalInterceptor(ErrorFrames errorFrames) {
		this.errorFrames = errorFrames;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || !StompCommand.CONNECT.equals(accessor.getCommand())) {
			return message;
		}
		try {
			String username = Usernames.resolve(accessor.getFirstNativeHeader(USERNAME_HEADER));
			accessor.setUser(new ChatPrincipal(UUID.randomUUID().toString(), username));
			return message;
		}
		catch (IllegalArgumentException ex) {
			this.errorFrames.send(accessor.getSessionId(), ex.getMessage());
			return null;
		}
	}

}
