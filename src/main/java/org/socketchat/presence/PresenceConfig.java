package org.socketchat.presence;

import org.socketchat.messaging.BrokerRelayProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Alone, an instance knows who is where; behind a shared broker, the database does. Room
 * membership follows the subscriptions that the protocol guard and the limits let through.
 */
@Configuration(proxyBeanMethods = false)
@Order(3)
class PresenceConfig implements WebSocketMessageBrokerConfigurer {

	private final ObjectProvider<PresenceTracker> tracker;

	// A provider: the tracker needs the messaging template, which this configuration feeds.
	PresenceConfig(ObjectProvider<PresenceTracker> tracker) {
		this.tracker = tracker;
	}

	@Bean
	Roster roster(BrokerRelayProperties relay, JdbcTemplate jdbc) {
		return relay.enabled() ? new SharedRoster(jdbc) : new LocalRoster();
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new RoomMembership(SingletonSupplier.of(this.tracker::getObject)));
	}

}
