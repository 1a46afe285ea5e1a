package org.socketchat.web;

import java.nio.charset.StandardCharsets;
import java.security.Principal;

import org.socketchat.messaging.ChatPrincipal;

import org.springframework.context.ApplicationContext;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * The application's broker and who is connected to it. It publishes what the server itself
 * never would: any body, as it is, to any destination, as a frame that slipped past the
 * server's checks arrives.
 */
final class Broker {

	private final SimpMessagingTemplate messaging;

	private final SimpUserRegistry users;

	private Broker(SimpMessagingTemplate messaging, SimpUserRegistry users) {
		this.messaging = messaging;
		this.users = users;
	}

	static Broker of(ApplicationContext context) {
		return new Broker(context.getBean("brokerMessagingTemplate", SimpMessagingTemplate.class),
				context.getBean(SimpUserRegistry.class));
	}

	/** Publishes the body unchanged, declared as JSON, to everyone subscribed. */
	void publish(String destination, String body) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		headers.setLeaveMutable(true);
		this.messaging.send(destination,
				MessageBuilder.createMessage(body.getBytes(StandardCharsets.UTF_8), headers.getMessageHeaders()));
	}

	/** Publishes the body unchanged to one session's user destination, e.g. /queue/errors. */
	void publishToSession(String username, String destination, String body) {
		publish("/user/" + principalName(username) + destination, body);
	}

	/** The principal name (a per-session id) of the one connected session with this display name. */
	private String principalName(String username) {
		return this.users.getUsers()
			.stream()
			.map(SimpUser::getPrincipal)
			.filter((principal) -> principal instanceof ChatPrincipal chat && chat.username().equals(username))
			.map(Principal::getName)
			.reduce((one, other) -> {
				throw new IllegalStateException("more than one session named " + username);
			})
			.orElseThrow(() -> new IllegalStateException("no session named " + username));
	}

}
