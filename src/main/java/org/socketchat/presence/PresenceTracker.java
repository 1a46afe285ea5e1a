package org.socketchat.presence;

import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.socketchat.messaging.ChatPrincipal;
import org.socketchat.messaging.Rooms;
import org.socketchat.presence.PresenceNotice.Type;
import org.socketchat.presence.Roster.Change;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Announces each session that joins or leaves the server or a room, with the count there
 * after it. A change, its count and its announcement happen under one lock, so this
 * instance's joins and leaves are announced with the counts they produced, one by one, in
 * the order they happened. With a shared roster it also announces what it learns from the
 * others on each refresh: the sessions of an instance that died.
 */
@Controller
class PresenceTracker implements SmartLifecycle, RoomPresence {

	private static final Log logger = LogFactory.getLog(PresenceTracker.class);

	static final String TOPIC = "/topic/presence";

	private static final long REFRESH_SECONDS = 5;

	/** Before the web server starts: a shared roster says this instance is alive first. */
	private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	/** Session attribute: the session ended, so a room it subscribed to just before is not joined. */
	private static final String ENDED = PresenceTracker.class.getName() + ".ended";

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
		// The CONNECTED frame carries no session attributes; the CONNECT it answers does,
		// when the simple broker answered it (a relayed broker's CONNECTED names no CONNECT).
		Message<?> connect = (Message<?>) event.getMessage()
			.getHeaders()
			.get(SimpMessageHeaderAccessor.CONNECT_MESSAGE_HEADER);
		Map<String, Object> attributes = (connect != null)
				? SimpMessageHeaderAccessor.getSessionAttributes(connect.getHeaders()) : null;
		if (event.getUser() instanceof ChatPrincipal user) {
			enter(user, Roster.SERVER, attributes, true);
		}
	}

	@EventListener
	synchronized void left(SessionDisconnectEvent event) {
		Map<String, Object> attributes = SimpMessageHeaderAccessor
			.getSessionAttributes(event.getMessage().getHeaders());
		if (attributes != null) {
			attributes.put(ENDED, true);
		}
		// Closing, this instance's sessions are no longer counted (see closing).
		Principal user = event.getUser();
		if (this.closing || user == null) {
			return;
		}
		// Spring may report one disconnect twice; only the first removal is announced.
		List<Change> left = this.roster.leaveAll(user.getName());
		left.forEach((change) -> announce(change.type(), change.room(), change.username(),
				this.roster.count(change.room())));
	}

	/**
	 * The session subscribed to the room's messages, and the guard let it.
	 * @param announced whether to tell the room, or only count it in
	 */
	synchronized void enter(ChatPrincipal user, String room, Map<String, Object> sessionAttributes,
			boolean announced) {
		boolean ended = sessionAttributes != null && sessionAttributes.containsKey(ENDED);
		if (!this.closing && !ended && this.roster.join(user.getName(), room, user.username()) && announced) {
			announce(Type.JOINED, room, user.username(), this.roster.count(room));
		}
	}

	synchronized void exit(ChatPrincipal user, String room, boolean announced) {
		String username = this.closing ? null : this.roster.leave(user.getName(), room);
		if (username != null && announced) {
			announce(Type.LEFT, room, username, this.roster.count(room));
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
	PresenceSnapshot serverSnapshot() {
		return roomSnapshot(Roster.SERVER);
	}

	/** The destination guard let only a valid room name through. */
	@SubscribeMapping("/rooms/{room}/presence")
	synchronized PresenceSnapshot roomSnapshot(@DestinationVariable String room) {
		List<String> usernames = this.roster.usernames(room);
		return new PresenceSnapshot(usernames.size(), usernames);
	}

	@Override
	public synchronized Map<String, Integer> presentByRoom() {
		return this.roster.countsByRoom();
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
			Map<String, Integer> counts = new HashMap<>();
			for (Change change : changes) {
				counts.computeIfAbsent(change.room(), this.roster::count);
			}
			for (Change change : changes) {
				counts.merge(change.room(), (change.type() == Type.JOINED) ? -1 : 1, Integer::sum);
			}
			for (Change change : changes) {
				int count = counts.merge(change.room(), (change.type() == Type.JOINED) ? 1 : -1, Integer::sum);
				announce(change.type(), change.room(), change.username(), count);
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

	private void announce(Type type, String room, String username, int count) {
		String topic = Roster.SERVER.equals(room) ? TOPIC : Rooms.presenceTopic(room);
		this.messaging.convertAndSend(topic, new PresenceNotice(type, username, count));
	}

}
