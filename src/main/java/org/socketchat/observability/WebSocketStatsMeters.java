package org.socketchat.observability;

import java.util.function.ToIntFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.WebSocketMessageBrokerStats;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's own WebSocket figures, which it otherwise only logs every 30 minutes: the
 * sessions open now by transport ({@code websocket.sessions}), and what happened since
 * start ({@code websocket.sessions.events}, {@code websocket.stomp.frames}).
 */
@Component
class WebSocketStatsMeters implements MeterBinder {

	private final WebSocketMessageBrokerStats stats;

	WebSocketStatsMeters(WebSocketMessageBrokerStats stats) {
		this.stats = stats;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		open(meters, "websocket", SubProtocolWebSocketHandler.Stats::getWebSocketSessions);
		open(meters, "http_streaming", SubProtocolWebSocketHandler.Stats::getHttpStreamingSessions);
		open(meters, "http_polling", SubProtocolWebSocketHandler.Stats::getHttpPollingSessions);
		event(meters, "opened", SubProtocolWebSocketHandler.Stats::getTotalSessions);
		event(meters, "limit_exceeded", SubProtocolWebSocketHandler.Stats::getLimitExceededSessions);
		event(meters, "no_messages_received", SubProtocolWebSocketHandler.Stats::getNoMessagesReceivedSessions);
		event(meters, "transport_error", SubProtocolWebSocketHandler.Stats::getTransportErrorSessions);
		frames(meters, "connect", StompSubProtocolHandler.Stats::getTotalConnect);
		frames(meters, "connected", StompSubProtocolHandler.Stats::getTotalConnected);
		frames(meters, "disconnect", StompSubProtocolHandler.Stats::getTotalDisconnect);
	}

	private void open(MeterRegistry meters, String transport, ToIntFunction<SubProtocolWebSocketHandler.Stats> value) {
		Gauge.builder("websocket.sessions", this.stats, (stats) -> value.applyAsInt(stats.getWebSocketSessionStats()))
			.description("WebSocket and SockJS sessions open now")
			.tag("transport", transport)
			.register(meters);
	}

	private void event(MeterRegistry meters, String kind, ToIntFunction<SubProtocolWebSocketHandler.Stats> value) {
		FunctionCounter
			.builder("websocket.sessions.events", this.stats,
					(stats) -> value.applyAsInt(stats.getWebSocketSessionStats()))
			.description("Sessions opened, and closed for each reason, since start")
			.tag("kind", kind)
			.register(meters);
	}

	private void frames(MeterRegistry meters, String command, ToIntFunction<StompSubProtocolHandler.Stats> value) {
		FunctionCounter
			.builder("websocket.stomp.frames", this.stats, (stats) -> value.applyAsInt(stats.getStompSubProtocolStats()))
			.description("STOMP frames of this command since start")
			.tag("command", command)
			.register(meters);
	}

}
