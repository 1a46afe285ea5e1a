package org.socketchat.observability;

import java.util.function.ToIntFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.WebSocketMessageBrokerStats;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's own WebSocket figures, which it otherwise only logs every 30 minutes, as
 * {@code websocket.sessions} (by kind) and {@code websocket.stomp.frames} (by command).
 */
@Component
class WebSocketStatsMeters implements MeterBinder {

	private final WebSocketMessageBrokerStats stats;

	WebSocketStatsMeters(WebSocketMessageBrokerStats stats) {
		this.stats = stats;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		session(meters, "total", SubProtocolWebSocketHandler.Stats::getTotalSessions);
		session(meters, "websocket", SubProtocolWebSocketHandler.Stats::getWebSocketSessions);
		session(meters, "http_streaming", SubProtocolWebSocketHandler.Stats::getHttpStreamingSessions);
		session(meters, "http_polling", SubProtocolWebSocketHandler.Stats::getHttpPollingSessions);
		session(meters, "limit_exceeded", SubProtocolWebSocketHandler.Stats::getLimitExceededSessions);
		session(meters, "no_messages_received", SubProtocolWebSocketHandler.Stats::getNoMessagesReceivedSessions);
		session(meters, "transport_error", SubProtocolWebSocketHandler.Stats::getTransportErrorSessions);
		frames(meters, "connect", StompSubProtocolHandler.Stats::getTotalConnect);
		frames(meters, "connected", StompSubProtocolHandler.Stats::getTotalConnected);
		frames(meters, "disconnect", StompSubProtocolHandler.Stats::getTotalDisconnect);
	}

	private void session(MeterRegistry meters, String kind, ToIntFunction<SubProtocolWebSocketHandler.Stats> value) {
		Gauge.builder("websocket.sessions", this.stats, (stats) -> value.applyAsInt(stats.getWebSocketSessionStats()))
			.description("Spring's WebSocket session statistics; the *_sessions kinds are totals since start")
			.tag("kind", kind)
			.register(meters);
	}

	private void frames(MeterRegistry meters, String command, ToIntFunction<StompSubProtocolHandler.Stats> value) {
		Gauge.builder("websocket.stomp.frames", this.stats, (stats) -> value.applyAsInt(stats.getStompSubProtocolStats()))
			.description("STOMP frames of this command since start")
			.tag("command", command)
			.register(meters);
	}

}
