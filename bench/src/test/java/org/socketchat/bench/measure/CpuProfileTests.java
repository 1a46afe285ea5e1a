package org.socketchat.bench.measure;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CpuProfileTests {

	@Test
	void aThreadThatOnlySpinsIsWhereTheSamplesAre(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("spin.jfr");
		try (Recording recording = new Recording()) {
			recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
			recording.start();
			Thread spinner = new Thread(() -> spin(System.nanoTime() + Duration.ofSeconds(2).toNanos()), "spinner-7");
			spinner.start();
			spinner.join();
			recording.stop();
			recording.dump(file);
		}

		CpuProfile profile = CpuProfile.read(file);

		assertThat(profile.samples()).isPositive();
		assertThat(profile.threads().get(0).name()).isEqualTo("spinner-#");
		assertThat(profile.threads().get(0).percent()).isGreaterThan(50);
		assertThat(profile.inclusive()).extracting(CpuProfile.Share::name)
			.contains(CpuProfileTests.class.getName() + ".spin")
			.noneMatch((method) -> method.startsWith("java.lang.Thread."));
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		profile.table("spin").print(new PrintStream(printed, true, StandardCharsets.UTF_8));
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("spinner-#");
	}

	@Test
	void numbersInThreadNamesAreFoldedIntoTheirPool() {
		assertThat(CpuProfile.pool("clientInboundChannel-12")).isEqualTo("clientInboundChannel-#");
		assertThat(CpuProfile.pool("http-nio-127.0.0.1-8080-exec-3")).isEqualTo("http-nio-#.#.#.#-#-exec-#");
	}

	static long spin(long until) {
		long sum = 0;
		while (System.nanoTime() < until) {
			sum += Long.numberOfTrailingZeros(System.nanoTime());
		}
		return sum;
	}

}
