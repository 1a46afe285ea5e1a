package org.socketchat.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.socketchat.bench.Options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Crash safety, end to end: the app's fat jar under chaos at about 500 msg/s, killed with
 * SIGKILL and restarted, loses and duplicates no acknowledged message, on the embedded
 * file and (when the app's build fetched it) on sqld. Needs the jar in ../target; without
 * it the test is skipped, unless {@code CI=true}.
 */
class ChaosScenarioIT {

	@Test
	void aKilledAppLosesAndDuplicatesNoAcknowledgedMessage(@TempDir Path work) throws IOException {
		Path repo = Path.of("..").toAbsolutePath().normalize();
		Path jar = appJar(repo);
		Path sqld = repo.resolve("target/sqld/sqld");
		String backends = Files.isExecutable(sqld) ? "embedded,sqld" : "embedded";
		Setup setup = new Setup(repo, jar, work, List.of(), null, null, sqld);
		ChaosScenario.Report report = new ChaosScenario().run(setup, new Options(List.of("--backends", backends,
				"--clients", "8", "--duration", "12", "--rate", "60", "--session", "4", "--kill-at", "0.4")));
		report.tables().forEach((table) -> table.print(System.out));
		assertThat(report.failure()).isNull();
		for (ChaosResult result : report.backends()) {
			assertThat(result.acknowledged()).as(result.backend()).isPositive().isEqualTo(result.stored());
			assertThat(result.lost()).as(result.backend()).isZero();
			assertThat(result.duplicated()).as(result.backend()).isZero();
			assertThat(result.viewsDiffering()).as(result.backend()).isZero();
			assertThat(result.dropped()).as(result.backend() + ": sessions the kill ended").isPositive();
		}
	}

	/** The app's fat jar in ../target; skips the calling test without it, unless {@code CI=true}. */
	static Path appJar(Path repo) throws IOException {
		Path target = repo.resolve("target");
		Path jar = null;
		if (Files.isDirectory(target)) {
			try (Stream<Path> files = Files.list(target)) {
				jar = files.filter((f) -> f.getFileName().toString().matches("socket-chat-.*\\.jar"))
					.findFirst()
					.orElse(null);
			}
		}
		if (jar == null && "true".equals(System.getenv("CI"))) {
			fail("no ../target/socket-chat-*.jar: the app's ./mvnw verify builds it, run it first");
		}
		assumeTrue(jar != null, "no ../target/socket-chat-*.jar: build the app first");
		return jar;
	}

}
