package org.socketchat.bench.scenario;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LaunchTests {

	private static final Path ARCHIVE = Path.of("/w/app.jsa");

	@Test
	void theFatJarAsBuiltNeedsNoOptionAndNoTraining() {
		Launch jar = Launch.parse("jar");
		assertThat(jar.jdk25()).isFalse();
		assertThat(jar.extracted()).isFalse();
		assertThat(jar.trained()).isFalse();
		assertThat(jar.jvmArgs(ARCHIVE)).isEmpty();
	}

	@Test
	void cdsTrainsOnceThenStartsFromTheArchive() {
		Launch cds = Launch.parse("cds");
		assertThat(cds.extracted()).isTrue();
		assertThat(cds.trained()).isTrue();
		assertThat(cds.trainingJvmArgs(ARCHIVE)).containsExactly("-XX:ArchiveClassesAtExit=/w/app.jsa",
				"-Dspring.context.exit=onRefresh");
		assertThat(cds.jvmArgs(ARCHIVE)).containsExactly("-XX:SharedArchiveFile=/w/app.jsa");
	}

	@Test
	void springAotIsOnInTheTrainingRunAndTheMeasuredStart() {
		Launch launch = Launch.parse("25:aot-cache+spring-aot");
		assertThat(launch.jdk25()).isTrue();
		assertThat(launch.springAot()).isTrue();
		assertThat(launch.trainingJvmArgs(ARCHIVE)).containsExactly("-XX:AOTCacheOutput=/w/app.jsa",
				"-Dspring.context.exit=onRefresh", "-Dspring.aot.enabled=true");
		assertThat(launch.jvmArgs(ARCHIVE)).containsExactly("-XX:AOTCache=/w/app.jsa", "-Dspring.aot.enabled=true");
	}

	@Test
	void extractedStartsWithoutArchive() {
		Launch launch = Launch.parse("extracted+spring-aot");
		assertThat(launch.extracted()).isTrue();
		assertThat(launch.trained()).isFalse();
		assertThat(launch.jvmArgs(ARCHIVE)).containsExactly("-Dspring.aot.enabled=true");
	}

	@Test
	void refusesUnknownModesAndAnAotCacheOnTheBenchsOwnJava17() {
		assertThatIllegalArgumentException().isThrownBy(() -> Launch.parse("native"));
		assertThatIllegalArgumentException().isThrownBy(() -> Launch.parse("cds+aot"));
		assertThatIllegalArgumentException().isThrownBy(() -> Launch.parse("aot-cache"));
	}

}
