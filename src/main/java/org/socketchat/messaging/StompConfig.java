package org.socketchat.messaging;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.config.StompBrokerRelayRegistration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.StringUtils;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/** STOMP endpoints, broker destinations, the session's identity and what it may do; nothing else. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
@Order(1)
class StompConfig implements WebSocketMessageBrokerConfigurer {

	/** Server and client heart-beats (ms), so dead connections are noticed and closed. */
	private static final long[] HEARTBEAT = { 10_000, 10_000 };

	private final TaskScheduler heartbeatScheduler;

	private final ErrorFrames errorFrames;

	private final ErrorQueue errors;

	private final BrokerRelayProperties relay;

	// Lazy: both are beans of the broker configuration that this class feeds.
	StompConfig(@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler heartbeatScheduler,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel, ErrorQueue errors,
			BrokerRelayProperties relay) {
		this.heartbeatScheduler = heartbeatScheduler;
		this.errorFrames = new ErrorFrames(clientOutboundChannel);
		this.errors = errors;
		this.relay = relay;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		// A user's messages are stored, and get their ids, in the order they were sent.
		registry.setPreserveReceiveOrder(true);
		registry.addEndpoint("/ws");
		registry.addEndpoint("/sockjs").withSockJS();
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.setApplicationDestinationPrefixes("/app");
		// Each client gets the broadcasts in the order they were published: id order.
		registry.setPreservePublishOrder(true);
		if (this.relay.enabled()) {
			relayTo(registry.enableStompBrokerRelay("/topic", "/queue"));
		}
		else {
			registry.enableSimpleBroker("/topic", "/queue")
				.setHeartbeatValue(HEARTBEAT)
				.setTaskScheduler(this.heartbeatScheduler);
		}
	}

	/**
	 * Every client session gets a connection of its own to the broker, with this login;
	 * the relay's own connection, which carries what the server sends, reconnects every
	 * few seconds while the broker is away.
	 */
	private void relayTo(StompBrokerRelayRegistration broker) {
		broker.setRelayHost(this.relay.host())
			.setRelayPort(this.relay.port())
			.setSystemHeartbeatSendInterval(HEARTBEAT[0])
			.setSystemHeartbeatReceiveInterval(HEARTBEAT[1]);
		if (this.relay.login() != null) {
			broker.setClientLogin(this.relay.login()).setSystemLogin(this.relay.login());
		}
		if (this.relay.passcode() != null) {
			broker.setClientPasscode(this.relay.passcode()).setSystemPasscode(this.relay.passcode());
		}
		if (StringUtils.hasText(this.relay.virtualHost())) {
			broker.setVirtualHost(this.relay.virtualHost());
		}
	}

	/** First, so every frame has its identity and its destination checked before the limits see it. */
	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new SessionPrincipalInterceptor(this.errorFrames),
				new DestinationGuard(this.errors, this.errorFrames));
	}

}
