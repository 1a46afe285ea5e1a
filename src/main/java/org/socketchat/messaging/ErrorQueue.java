package org.socketchat.messaging;

import java.security.Principal;

import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Where every refusal goes: {@code /user/queue/errors} of the one session it concerns.
 * The principal name is that session's own id, so no other session sees it.
 */
@Component
public class ErrorQueue {

	public static final String DESTINATION = "/queue/errors";

	private final SimpMessagingTemplate messaging;

	// Lazy: the template's channel is built by the STOMP configuration that uses this.
	ErrorQueue(@Lazy SimpMessagingTemplate messaging) {
		this.messaging = messaging;
	}

	public void send(Principal session, ClientError error) {
		this.messaging.convertAndSendToUser(session.getName(), DESTINATION, error);
	}

}
