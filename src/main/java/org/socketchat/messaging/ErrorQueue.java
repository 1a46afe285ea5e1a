package org.socketchat.messaging;

import java.security.Principal;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Where every refusal goes: {@code /user/queue/errors} of the one session it concerns,
 * counted by code in {@code chat.messages.rejected}. The principal name is that session's
 * own id, so no other session sees it.
 */
@Component
public class ErrorQueue {

	public static final String DESTINATION = "/queue/errors";

	private final SimpMessagingTemplate messaging;

	private final MeterRegistry meters;

	// Lazy: the template's channel is built by the STOMP configuration that uses this.
	ErrorQueue(@Lazy SimpMessagingTemplate messaging, MeterRegistry meters) {
		this.messaging = messaging;
		this.meters = meters;
	}

	public void send(Principal session, ClientError error) {
		this.meters.counter("chat.messages.rejected", "code", error.code().name()).increment();
		this.messaging.convertAndSendToUser(session.getName(), DESTINATION, error);
	}

}
