package org.socketchat.limits;

import org.socketchat.chat.ChatProperties;
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

	static final int OUTBOUND_THREADS = 64;

	private final LimitsProperties limits;

	private final SessionLimits sessionLimits;

	private final ErrorQueue errors;

	private final JsonMapper json;

	private final ChatProperties chat;

	LimitsConfig(LimitsProperties limits, SessionLimits sessionLimits, ErrorQueue errors, JsonMapper json,
			ChatProperties chat) {
		this.limits = limits;
		this.sessionLimits = sessionLimits;
		this.errors = errors;
		this.json = json;
		this.chat = chat;
	}

	/**
	 * A client that stops reading holds the thread writing to it until the write times
	 * out; Spring's decorator then closes it at its next message. The buffer has room for
	 * the largest burst, so only a client that does not read runs out of it.
	 */
	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.addDecoratorFactory(this.sessionLimits)
			.setSendTimeLimit((int) this.limits.sendTimeout().toMillis())
			.setSendBufferSizeLimit(this.limits.sendBufferBytes(this.chat));
	}

	/**
	 * Enough threads that the few held by clients that stopped reading (each for at most
	 * the send timeout, one per client) leave plenty for everyone else; Spring's default
	 * is two per core.
	 */
	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.taskExecutor().corePoolSize(OUTBOUND_THREADS);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new SendRateLimit(this.limits, this.errors, this.json));
	}

}
