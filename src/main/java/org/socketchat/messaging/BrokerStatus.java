package org.socketchat.messaging;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.stereotype.Component;

/**
 * Whether the broker can take what the server publishes: always, once started, for the
 * simple broker; for a relayed one, while the relay's own connection to it is up. Also the
 * {@code broker} check of the readiness probe, so a load balancer stops sending clients to
 * an instance that could not deliver their messages.
 */
@Component("brokerHealthIndicator")
public class BrokerStatus implements HealthIndicator {

	private volatile boolean available;

	public boolean isAvailable() {
		return this.available;
	}

	@EventListener
	public void changed(BrokerAvailabilityEvent event) {
		this.available = event.isBrokerAvailable();
	}

	@Override
	public Health health() {
		return this.available ? Health.up().build() : Health.down().build();
	}

}
