package org.socketchat.limits;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;
import org.springframework.web.socket.messaging.SessionConnectEvent;

/**
 * Caps the sessions open at once, in total and per remote address; closes sessions that
 * hold a connection without using it (no CONNECT within the connect timeout, or nothing
 * received for the idle timeout when the client negotiated no heart-beats: with
 * heart-beats, the broker closes a silent session itself); drops the connection of a
 * client one write to which takes longer than the send timeout; and on shutdown sends
 * every session away. Every session, WebSocket or SockJS, passes through here before STOMP
 * sees it.
 */
@Component
class SessionLimits implements WebSocketHandlerDecoratorFactory, SmartLifecycle {

	/** Try Again Later: a client reconnects from it, with its usual backoff. */
	static final int SERVER_FULL = 1013;

	static final CloseStatus GOING_AWAY = CloseStatus.GOING_AWAY.withReason("the server is shutting down");

	static final CloseStatus NOT_READING = CloseStatus.SESSION_NOT_RELIABLE
		.withReason("a write to it took longer than the send timeout");

	/** How long shutdown lets answers already on their way out go before closing. */
	private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(2);

	/** How long the outbound pool must have had nothing to do for them to be gone. */
	private static final Duration FLUSHED_AFTER = Duration.ofMillis(100);

	private static final Log logger = LogFactory.getLog(SessionLimits.class);

	private final LimitsProperties limits;

	private final int cap;

	private final TaskScheduler scheduler;

	private final ThreadPoolTaskExecutor outbound;

	private final Outboxes outboxes;

	private final AtomicInteger open = new AtomicInteger();

	private final Map<String, AtomicInteger> openByAddress = new ConcurrentHashMap<>();

	private final Map<String, Watched> watched = new ConcurrentHashMap<>();

	private volatile boolean closing;

	private volatile ScheduledFuture<?> sweep;

	// Lazy: both are beans of the broker configuration that this feeds.
	SessionLimits(LimitsProperties limits, @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler,
			@Lazy @Qualifier("clientOutboundChannelExecutor") ThreadPoolTaskExecutor outbound, Outboxes outboxes) {
		this.limits = limits;
		this.cap = limits.sessionCap();
		this.scheduler = scheduler;
		this.outbound = outbound;
		this.outboxes = outboxes;
	}

	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				// STOMP writes through it, so the sweep sees how long a write takes.
				TimedWrites timed = new TimedWrites(session);
				CloseStatus refusal = admit(timed);
				if (refusal != null) {
					close(session, refusal);
					return;
				}
				super.afterConnectionEstablished(timed);
			}

			@Override
			public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
				Watched watched = SessionLimits.this.watched.get(session.getId());
				if (watched != null) {
					watched.lastReceived = System.nanoTime();
				}
				super.handleMessage(session, message);
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
				// A refused session never reached STOMP, so STOMP is not told it closed.
				Watched released = release(session);
				if (released != null) {
					// Dropped, the connection ends without a close status of ours: say why,
					// as Spring's own limits say it of a client that does not read.
					super.afterConnectionClosed(session, released.session.dropped() ? NOT_READING : closeStatus);
				}
			}

		};
	}

	/**
	 * On shutdown, once the writer has answered every send it took: let the answers
	 * already on their way out go, then tell every session the server is going away, so
	 * clients reconnect (elsewhere, or here once it is back) rather than wait on a dead
	 * connection. Sessions opening from now on are sent away at once.
	 */
	@EventListener(condition = "#root.event.applicationContext.parent == null")
	@Order(2)
	void goingAway(ContextClosedEvent event) {
		this.closing = true;
		awaitOutboundIdle();
		List<Watched> open = List.copyOf(this.watched.values());
		open.forEach((session) -> close(session.session, GOING_AWAY));
		logger.info("Shutting down: sent " + open.size() + " session(s) away");
	}

	/** @return why the session may not open, or {@code null} once it is counted */
	private CloseStatus admit(TimedWrites session) {
		if (this.closing) {
			return GOING_AWAY;
		}
		if (this.open.incrementAndGet() > this.cap) {
			this.open.decrementAndGet();
			return new CloseStatus(SERVER_FULL, "the server is full, try again later");
		}
		String address = address(session);
		AtomicInteger fromAddress = this.openByAddress.compute(address, (key, count) -> {
			AtomicInteger counted = (count != null) ? count : new AtomicInteger();
			counted.incrementAndGet();
			return counted;
		});
		if (fromAddress.get() > this.limits.sessionsPerAddress()) {
			decrement(address);
			this.open.decrementAndGet();
			return new CloseStatus(SERVER_FULL, "too many connections from your address, try again later");
		}
		this.watched.put(session.getId(), new Watched(session, address));
		return null;
	}

	/** @return the session as it was watched, or {@code null} if it never was */
	private Watched release(WebSocketSession session) {
		Watched removed = this.watched.remove(session.getId());
		if (removed == null) {
			return null;
		}
		decrement(removed.address);
		this.open.decrementAndGet();
		return removed;
	}

	private void decrement(String address) {
		this.openByAddress.computeIfPresent(address, (key, count) -> (count.decrementAndGet() > 0) ? count : null);
	}

	@EventListener
	void connecting(SessionConnectEvent event) {
		StompHeaderAccessor connect = StompHeaderAccessor.wrap(event.getMessage());
		Watched watched = this.watched.get(connect.getSessionId());
		if (watched != null) {
			// Heart-beats slower than the idle timeout (or absurd ones) are as good as none.
			long every = connect.getHeartbeat()[0];
			watched.heartBeats = every > 0 && every <= this.limits.idleTimeout().toMillis();
			watched.connected = true;
		}
	}

	void closeIdleAndStalled() {
		long now = System.nanoTime();
		for (Watched session : this.watched.values()) {
			CloseStatus reason = session.idleReason(now, this.limits);
			if (reason != null) {
				close(session.session, reason);
			}
			else if (session.session.writingLongerThan(this.limits.sendTimeout(), now) && session.session.abort()) {
				logger.info("Dropped session " + session.session.getId() + ": a write to it took longer than "
						+ seconds(this.limits.sendTimeout()));
			}
		}
	}

	/**
	 * Frames go from the outbound pool (framed, in order) into the outboxes and out by
	 * their writers. Both idle for a while, not for an instant: each session's frames go
	 * through the outbound pool one after the other (publish order is kept), and a writer
	 * hands a busy outbox back between two of its messages.
	 */
	private void awaitOutboundIdle() {
		long deadline = System.nanoTime() + FLUSH_TIMEOUT.toNanos();
		long idleSince = System.nanoTime();
		while (System.nanoTime() < deadline && System.nanoTime() - idleSince < FLUSHED_AFTER.toNanos()) {
			if (!idle(this.outbound) || !this.outboxes.idle()) {
				idleSince = System.nanoTime();
			}
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	static boolean idle(ThreadPoolTaskExecutor pool) {
		ThreadPoolExecutor executor = pool.getThreadPoolExecutor();
		return executor.getActiveCount() == 0 && executor.getQueue().isEmpty();
	}

	private static void close(WebSocketSession session, CloseStatus status) {
		try {
			session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Closing a session failed", ex);
		}
	}

	@Override
	public void start() {
		Duration shortest = min(min(this.limits.connectTimeout(), this.limits.idleTimeout()),
				this.limits.sendTimeout());
		Duration period = min(shortest.dividedBy(4), Duration.ofSeconds(1));
		this.sweep = this.scheduler.scheduleWithFixedDelay(this::closeIdleAndStalled, period);
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = this.sweep;
		if (running != null) {
			running.cancel(false);
			this.sweep = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.sweep != null;
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static String address(WebSocketSession session) {
		InetSocketAddress remote = session.getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? ClientAddress.of(remote.getAddress()) : "unknown";
	}

	private static final class Watched {

		final TimedWrites session;

		final String address;

		final long opened = System.nanoTime();

		volatile long lastReceived = this.opened;

		volatile boolean connected;

		volatile boolean heartBeats;

		Watched(TimedWrites session, String address) {
			this.session = session;
			this.address = address;
		}

		CloseStatus idleReason(long now, LimitsProperties limits) {
			if (!this.connected && now - this.opened > limits.connectTimeout().toNanos()) {
				return CloseStatus.POLICY_VIOLATION.withReason("no CONNECT within " + seconds(limits.connectTimeout()));
			}
			if (this.connected && !this.heartBeats && now - this.lastReceived > limits.idleTimeout().toNanos()) {
				return CloseStatus.POLICY_VIOLATION
					.withReason("nothing received for " + seconds(limits.idleTimeout()) + " and no heart-beats");
			}
			return null;
		}

	}

}
