package org.socketchat.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.socketchat.bench.Options;
import org.socketchat.bench.process.RabbitMqProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Scale-out, end to end and short: the same small fan-out on one instance with the simple
 * broker and on two instances relaying to a real RabbitMQ, both on sqld, delivers every
 * message to every subscriber wherever it is connected, stores each once, and measures the
 * broker. Needs the app's jar and sqld in ../target and rabbitmq-server; without them the
 * test is skipped, unless {@code CI=true}.
 */
class ClusterFanoutScenarioIT {

	@Test
	void subscribersOnEitherInstanceGetEveryMessageThroughTheBroker(@TempDir Path work) throws IOException {
		Path repo = Path.of("..").toAbsolutePath().normalize();
		Path jar = ChaosScenarioIT.appJar(repo);
		Path sqld = repo.resolve("target/sqld/sqld");
		requires(Files.isExecutable(sqld) ? null : "no " + sqld + ": the app's build fetches it");
		requires(RabbitMqProcess.unavailable(repo.resolve("scripts")));
		Setup setup = new Setup(repo, jar, work, List.of(), null, null, sqld);

		ClusterFanoutScenario.Report report = new ClusterFanoutScenario().run(setup,
				new Options(List.of("--subscribers", "6", "--publishers", "2", "--rates", "100", "--warmup", "1",
						"--first-warmup", "1", "--duration", "3", "--drain", "5")));
		report.tables().forEach((table) -> table.print(System.out));

		assertThat(report.failure()).isNull();
		assertThat(report.configurations()).extracting(ClusterFanoutScenario.Configuration::config)
			.containsExactly(ClusterFanoutScenario.SIMPLE, ClusterFanoutScenario.RELAY);
		for (ClusterFanoutScenario.Configuration configuration : report.configurations()) {
			assertThat(configuration.skipped()).as(configuration.config()).isNull();
			assertThat(configuration.rounds()).as(configuration.config()).hasSize(1);
			ClusterFanoutScenario.Round round = configuration.rounds().get(0);
			FanoutResult fanout = round.fanout();
			assertThat(fanout.delivered()).as(configuration.config()).isPositive().isEqualTo(fanout.expected());
			assertThat(fanout.storedTotal()).as(configuration.config()).isEqualTo(fanout.sentTotal());
			assertThat(round.instanceCores()).as(configuration.config()).hasSize(configuration.instances());
			assertThat(round.sqldCores()).as(configuration.config()).isNotNull();
		}
		ClusterFanoutScenario.Round relayed = report.configurations().get(1).rounds().get(0);
		assertThat(relayed.instanceCores()).allSatisfy((cores) -> assertThat(cores).isPositive());
		assertThat(relayed.brokerCores()).isPositive();
	}

	private static void requires(String missing) {
		if (missing != null && "true".equals(System.getenv("CI"))) {
			fail(missing);
		}
		assumeTrue(missing == null, missing);
	}

}
