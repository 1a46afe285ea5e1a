package org.socketchat.messaging;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.socketchat.ChatClient;
import org.socketchat.RunningJar;
import org.socketchat.SocketChatApplication;
import org.socketchat.TestChatServer;
import org.socketchat.storage.SqldPerClass;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.CHAT;
import static org.socketchat.ChatClient.PRESENCE;
import static org.socketchat.messaging.ClusterIntegrationTests.about;

/**
 * An instance of a cluster killed with {@code kill -9}: the fat jar in a process of its
 * own, beside an instance in the test JVM, sharing a real sqld and an embedded Artemis.
 */
class InstanceCrashIT {

	@RegisterExtension
	static final SqldPerClass sqld = new SqldPerClass();

	@TempDir
	Path directory;

	@Test
	void theSessionsOfAKilledInstanceAreAnnouncedGoneWithinThirtySecondsAndChatGoesOn() throws Exception {
		try (EmbeddedArtemis broker = EmbeddedArtemis.start();
				RunningJar victim = RunningJar.start(this.directory, clusterArguments(broker));
				ConfigurableApplicationContext survivor = new SpringApplicationBuilder(SocketChatApplication.class)
					.run(clusterArguments(broker, "--server.port=0", "--server.address=127.0.0.1",
							"--logging.level.org.apache.activemq=error"));
				ChatClient watcher = TestChatServer.of(survivor).connect("watcher")) {
			ChatClient doomed = TestChatServer.relayedAt(victim.port()).connect("doomed");
			assertThat(watcher.nextMatching(about("doomed"), PRESENCE).get("type").asString()).isEqualTo("JOINED");
			doomed.send("last words", null);
			long lastWords = watcher.next(CHAT).get("id").asLong();

			victim.process().destroyForcibly().waitFor();
			long killedAt = System.nanoTime();

			JsonNode left = watcher.nextMatching(about("doomed"), Duration.ofSeconds(30), PRESENCE);
			Duration announcedAfter = Duration.ofNanos(System.nanoTime() - killedAt);
			assertThat(left.get("type").asString()).isEqualTo("LEFT");
			assertThat(left.get("online").asInt()).isEqualTo(1);
			assertThat(announcedAfter).isLessThan(Duration.ofSeconds(30));
			watcher.assertNothingOn(PRESENCE);

			watcher.send("still here", null);
			assertThat(watcher.next(CHAT).get("id").asLong()).isGreaterThan(lastWords);
		}
	}

	private static String[] clusterArguments(EmbeddedArtemis broker, String... more) {
		String[] common = { "--chat.storage.turso.database-url=" + sqld.url(),
				"--chat.storage.turso.auth-token=" + sqld.token(), "--chat.broker.relay.host=127.0.0.1",
				"--chat.broker.relay.port=" + broker.port() };
		String[] all = new String[common.length + more.length];
		System.arraycopy(common, 0, all, 0, common.length);
		System.arraycopy(more, 0, all, common.length, more.length);
		return all;
	}

}
