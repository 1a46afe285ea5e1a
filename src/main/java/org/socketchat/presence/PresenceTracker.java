package org.socketchat.presence;

import java.security.Principal;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.socketchat.messaging.ChatPrincipal;
import org.socketchat.presence.PresenceNotice.Type;
import org.socketchat.presence.Roster.Change;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Announces each session that joins or leaves, with the count online after it. A change,
 * its count and its announcement happen under one lock, so this instance's joins and
 * leaves are announced with the counts they produced, one by one, in the order they
 * happened. With a shared roster it also announces what it learns from the others on
 * each refresh: the sessions of an instance that died.
 */
@Controller
class PresenceTracker implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(PresenceTracker.class);

	static final String TOPIC = "/topic/presence";

	private static final long REFRESH_SECONDS = 5;

	/** Before the web server starts: a shared roster says this instance is alive first. */
	private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final Roster roster;

	private final SimpMessagingTemplate messaging;

	private ScheduledExecutorService refresher;

	private boolean running;

	private boolean closing;

	PresenceTracker(Roster roster, SimpMessagingTemplate messaging) {
		this.roster = roster;
		this.messaging = messaging;
	}

	@EventListener
	synchronized void joined(SessionConnectedEvent event) {
		if (event.getUser() instanceof ChatPrincipal user && this.roster.join(user.getName(), user.username())) {
			announce(Type.JOINED, user.username(), this.roster.online());
		}
	}

	@EventListener
	synchronized void left(SessionDisconnectEvent event) {
		// Closing, this instance's sessions are no longer counted (see closing).
		Principal user = event.getUser();
		if (this.closing || user == null) {
			return;
		}
		// Spring may report one disconnect twice; only the first removal is announced.
		String username = this.roster.leave(user.getName());
		if (username != null) {
			announce(Type.LEFT, username, this.roster.online());
		}
	}

	/**
	 * On shutdown every session is closed at once: telling each remaining one about each
	 * departure would be a message for every pair of sessions, to people about to be
	 * disconnected anyway. Sessions on other instances learn it from their own instance's
	 * next refresh instead.
	 */
	@EventListener(condition = "#root.event.applicationContext.parent == null")
	@Order(0)
	synchronized void closing(ContextClosedEvent event) {
		this.closing = true;
		try {
			this.roster.close();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not tell the other instances that this one is stopping: " + ex);
		}
	}

	@SubscribeMapping("/presence")
	synchronized PresenceSnapshot snapshot() {
		List<String> usernames = this.roster.usernames();
		return new PresenceSnapshot(usernames.size(), usernames);
	}

	synchronized void refresh() {
		if (this.closing) {
			return;
		}
		try {
			List<Change> changes = this.roster.refresh();
			if (changes.isEmpty()) {
				return;
			}
			// Counted once, after all of them: each notice gets the count it left behind.
			int online = this.roster.online();
			for (Change change : changes) {
				online -= (change.type() == Type.JOINED) ? 1 : -1;
			}
			for (Change change : changes) {
				online += (change.type() == Type.JOINED) ? 1 : -1;
				announce(change.type(), change.username(), online);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not refresh who is online: " + ex);
		}
	}

	@Override
	public synchronized void start() {
		this.running = true;
		if (this.roster.isShared()) {
			refresh();
			this.refresher = Executors.newSingleThreadScheduledExecutor((task) -> new Thread(task, "presence-refresh"));
			this.refresher.scheduleWithFixedDelay(this::refresh, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.refresher != null) {
			this.refresher.shutdownNow();
			this.refresher = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void announce(Type type, String username, int online) {
		this.messaging.convertAndSend(TOPIC, new PresenceNotice(type, username, online));
	}

}
