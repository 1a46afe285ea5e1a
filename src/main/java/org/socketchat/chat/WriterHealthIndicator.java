package org.socketchat.chat;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of the liveness probe: without its writer the process takes sends it never
 * answers, and only a restart helps.
 */
@Component
class WriterHealthIndicator implements HealthIndicator {

	private final MessageWriter writer;

	WriterHealthIndicator(MessageWriter writer) {
		this.writer = writer;
	}

	@Override
	public Health health() {
		return this.writer.isAlive() ? Health.up().build() : Health.down().withDetail("writer", "stopped").build();
	}

}
