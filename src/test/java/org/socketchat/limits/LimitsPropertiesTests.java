package org.socketchat.limits;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LimitsPropertiesTests {

	@Test
	void theDefaultsSuitAPublicChat() {
		LimitsProperties limits = bind(Map.of());
		assertThat(limits.sessionsPerAddress()).isEqualTo(200);
		assertThat(limits.messagesPerSecond()).isEqualTo(5);
		assertThat(limits.messageBurst()).isEqualTo(20);
		assertThat(limits.restRequestsPerSecond()).isEqualTo(50);
		assertThat(limits.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void withoutATotalTheCapIsSizedFromTheHeap() {
		assertThat(bind(Map.of()).sessionCap())
			.isEqualTo(Runtime.getRuntime().maxMemory() / LimitsProperties.HEAP_PER_SESSION);
		assertThat(bind(Map.of("chat.limits.sessions", "7")).sessionCap()).isEqualTo(7);
	}

	@Test
	void aTimeoutOfZeroIsRefusedAtStart() {
		new ApplicationContextRunner().withUserConfiguration(Limits.class)
			.withPropertyValues("chat.limits.connect-timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("chat.limits.connect-timeout"));
		new ApplicationContextRunner().withUserConfiguration(Limits.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(LimitsProperties.class));
	}

	@EnableConfigurationProperties(LimitsProperties.class)
	static class Limits {

	}

	private static LimitsProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("chat.limits",
				LimitsProperties.class);
	}

}
