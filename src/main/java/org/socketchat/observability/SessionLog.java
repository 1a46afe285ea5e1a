package org.socketchat.observability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.socketchat.messaging.ChatPrincipal;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.sockjs.transport.session.AbstractSockJsSession;

/**
 * One log line when a STOMP session connects and one when it closes (principal id,
 * username, transport, remote address, duration, WebSocket messages in and out (an outgoing
 * one may carry several frames), close status), and
 * the {@code chat.sessions} gauge of connected sessions per transport.
 */
@Component
class SessionLog implements WebSocketHandlerDecoratorFactory {

	private static final Log logger = LogFactory.getLog("socketchat.sessions");

	private final Map<String, Tracked> sessions = new ConcurrentHashMap<>();

	SessionLog(MeterRegistry meters) {
		for (String transport : new String[] { Tracked.WEBSOCKET, Tracked.SOCKJS }) {
			Gauge.builder("chat.sessions", this, (log) -> log.connected(transport))
				.description("Connected STOMP sessions")
				.tag("transport", transport)
				.register(meters);
		}
	}

	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				Tracked tracked = new Tracked(session);
				SessionLog.this.sessions.put(session.getId(), tracked);
				super.afterConnectionEstablished(new CountingSession(session, tracked));
			}

			@Override
			public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
				Tracked tracked = SessionLog.this.sessions.get(session.getId());
				if (tracked != null) {
					tracked.in.incrementAndGet();
				}
				super.handleMessage(session, message);
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
				Tracked tracked = SessionLog.this.sessions.remove(session.getId());
				if (tracked != null && tracked.user != null) {
					logger.info("Session closed: " + tracked.describe() + ", " + tracked.millis() + " ms, messages in "
							+ tracked.in + " out " + tracked.out + ", close " + status.getCode()
							+ ((status.getReason() != null) ? " (" + status.getReason() + ")" : ""));
				}
				super.afterConnectionClosed(session, status);
			}

		};
	}

	@EventListener
	void connected(SessionConnectedEvent event) {
		Tracked tracked = this.sessions.get(SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders()));
		if (tracked != null && event.getUser() instanceof ChatPrincipal user) {
			tracked.user = user;
			logger.info("Session connected: " + tracked.describe());
		}
	}

	private int connected(String transport) {
		return (int) this.sessions.values()
			.stream()
			.filter((tracked) -> tracked.user != null && tracked.transport.equals(transport))
			.count();
	}

	private static final class Tracked {

		static final String WEBSOCKET = "websocket";

		static final String SOCKJS = "sockjs";

		final String transport;

		final String address;

		final long opened = System.nanoTime();

		final AtomicLong in = new AtomicLong();

		final AtomicLong out = new AtomicLong();

		volatile Principal user;

		Tracked(WebSocketSession session) {
			this.transport = (WebSocketSessionDecorator.unwrap(session) instanceof AbstractSockJsSession) ? SOCKJS
					: WEBSOCKET;
			InetSocketAddress remote = session.getRemoteAddress();
			this.address = (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress()
					: "unknown";
		}

		String describe() {
			String username = (this.user instanceof ChatPrincipal chat) ? chat.username() : null;
			return "id=" + this.user.getName() + " username=" + username + " transport=" + this.transport
					+ " remote=" + this.address;
		}

		long millis() {
			return (System.nanoTime() - this.opened) / 1_000_000;
		}

	}

	/** Counts the WebSocket messages sent to the client: the outboxes write through this. */
	private static final class CountingSession extends WebSocketSessionDecorator {

		private final Tracked tracked;

		CountingSession(WebSocketSession session, Tracked tracked) {
			super(session);
			this.tracked = tracked;
		}

		@Override
		public void sendMessage(WebSocketMessage<?> message) throws IOException {
			this.tracked.out.incrementAndGet();
			super.sendMessage(message);
		}

	}

}
