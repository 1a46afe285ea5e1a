package org.socketchat.messaging;

import java.nio.charset.StandardCharsets;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Ends a session with a STOMP ERROR frame, for frames refused before the session has an
 * identity (so no error queue). Sent directly: an exception thrown by an inbound
 * interceptor would be swallowed by the channel that keeps each session's frames in
 * order. Spring closes the session after an ERROR frame.
 */
final class ErrorFrames {

	private final MessageChannel clientOutboundChannel;

	ErrorFrames(MessageChannel clientOutboundChannel) {
		this.clientOutboundChannel = clientOutboundChannel;
	}

	void send(String sessionId, String reason) {
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(reason);
		error.setSessionId(sessionId);
		this.clientOutboundChannel
			.send(MessageBuilder.createMessage(reason.getBytes(StandardCharsets.UTF_8), error.getMessageHeaders()));
	}

}
