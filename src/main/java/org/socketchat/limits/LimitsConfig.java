package org.socketchat.limits;

import org.socketchat.messaging.ErrorQueue;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/** Where the limits plug into the STOMP pipeline. */
@Configuration(proxyBeanMethods = false)
@Order(2)
class LimitsConfig implements WebSocketMessageBrokerConfigurer {

	private final LimitsProperties limits;

	private final SessionLimits sessionLimits;

	private final ErrorQueue errors;

	private final JsonMapper json;

	private final Outboxes outboxes;

	LimitsConfig(LimitsProperties limits, SessionLimits sessionLimits, ErrorQueue errors, JsonMapper json,
			Outboxes outboxes) {
		this.limits = limits;
		this.sessionLimits = sessionLimits;
		this.errors = errors;
		this.json = json;
		this.outboxes = outboxes;
	}

	/**
	 * Outboxes innermost: STOMP sends into them, whatever else wraps the session. Spring's
	 * own buffer in front of them fills only while one thread hands a frame to the outbox
	 * and others wait; at its default 512 KiB a burst of long messages on a busy machine
	 * closed a client that read everything, so it gets the outbox's limit, which decides.
	 */
	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.addDecoratorFactory(this.outboxes)
			.addDecoratorFactory(this.sessionLimits)
			.setSendBufferSizeLimit(this.outboxes.bufferBytes());
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new SendRateLimit(this.limits, this.errors, this.json),
				new TypingRateLimit(this.limits.typingInterval()));
	}

}
