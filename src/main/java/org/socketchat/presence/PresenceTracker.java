package org.socketchat.presence;

import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.socketchat.messaging.ChatPrincipal;
import org.socketchat.presence.PresenceNotice.Type;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/** Keeps the sessions online and announces each one that joins or leaves. */
@Controller
class PresenceTracker {

	static final String TOPIC = "/topic/presence";

	private final Map<String, String> usernamesBySession = new ConcurrentHashMap<>();

	private final SimpMessagingTemplate messaging;

	PresenceTracker(SimpMessagingTemplate messaging) {
		this.messaging = messaging;
	}

	@EventListener
	void joined(SessionConnectedEvent event) {
		if (event.getUser() instanceof ChatPrincipal user) {
			this.usernamesBySession.put(user.getName(), user.username());
			announce(Type.JOINED, user.username());
		}
	}

	@EventListener
	void left(SessionDisconnectEvent event) {
		// Spring may report one disconnect twice; only the first removal is announced.
		Principal user = event.getUser();
		String username = (user != null) ? this.usernamesBySession.remove(user.getName()) : null;
		if (username != null) {
			announce(Type.LEFT, username);
		}
	}

	@SubscribeMapping("/presence")
	PresenceSnapshot snapshot() {
		return new PresenceSnapshot(this.usernamesBySession.size(),
				this.usernamesBySession.values().stream().sorted().toList());
	}

	private void announce(Type type, String username) {
		this.messaging.convertAndSend(TOPIC, new PresenceNotice(type, username, this.usernamesBySession.size()));
	}

}
