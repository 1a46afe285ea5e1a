package org.socketchat.presence;

import org.socketchat.messaging.BrokerRelayProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Alone, an instance knows who is online; behind a shared broker, the database does. */
@Configuration(proxyBeanMethods = false)
class PresenceConfig {

	@Bean
	Roster roster(BrokerRelayProperties relay, JdbcTemplate jdbc) {
		return relay.enabled() ? new SharedRoster(jdbc) : new LocalRoster();
	}

}
