package org.socketchat.presence;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

import org.socketchat.messaging.ChatPrincipal;
import org.socketchat.presence.PresenceNotice.Type;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Keeps the sessions online and announces each one that joins or leaves. A change, its
 * count and its announcement happen under one lock, so concurrent joins and leaves are
 * announced with the counts they produced, one by one, in the order they happened.
 */
@Controller
class PresenceTracker {

	static final String TOPIC = "/topic/presence";

	private final Map<String, String> usernamesBySession = new HashMap<>();

	private final SimpMessagingTemplate messaging;

	private boolean closing;

	PresenceTracker(SimpMessagingTemplate messaging) {
		this.messaging = messaging;
	}

	@EventListener
	synchronized void joined(SessionConnectedEvent event) {
		if (event.getUser() instanceof ChatPrincipal user
				&& this.usernamesBySession.putIfAbsent(user.getName(), user.username()) == null) {
			announce(Type.JOINED, user.username());
		}
	}

	@EventListener
	synchronized void left(SessionDisconnectEvent event) {
		// Spring may report one disconnect twice; only the first removal is announced.
		Principal user = event.getUser();
		String username = (user != null) ? this.usernamesBySession.remove(user.getName()) : null;
		if (username != null && !this.closing) {
			announce(Type.LEFT, username);
		}
	}

	/**
	 * On shutdown every session is closed at once: telling each remaining one about each
	 * departure would be a message for every pair of sessions, to people about to be
	 * disconnected anyway.
	 */
	@EventListener(condition = "#root.event.applicationContext.parent == null")
	@Order(0)
	synchronized void closing(ContextClosedEvent event) {
		this.closing = true;
	}

	@SubscribeMapping("/presence")
	synchronized PresenceSnapshot snapshot() {
		return new PresenceSnapshot(this.usernamesBySession.size(),
				this.usernamesBySession.values().stream().sorted().toList());
	}

	private void announce(Type type, String username) {
		this.messaging.convertAndSend(TOPIC, new PresenceNotice(type, username, this.usernamesBySession.size()));
	}

}
