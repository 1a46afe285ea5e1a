package org.socketchat.chat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.socketchat.chat.ChatProperties.GroupCommit;
import org.socketchat.messaging.BrokerStatus;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class WriterHealthIndicatorTests {

	@Test
	void theProbeIsDownOnceTheWriterStopped() {
		MessageWriter writer = new MessageWriter(null, new ChatProperties(2000, new GroupCommit(true, 500, 10)), null,
				new BrokerStatus(), new SimpleMeterRegistry());
		WriterHealthIndicator health = new WriterHealthIndicator(writer);
		assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

		writer.start();
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);

		writer.stop();
		assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
	}

}
