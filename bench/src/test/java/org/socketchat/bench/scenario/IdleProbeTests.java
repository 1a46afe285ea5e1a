package org.socketchat.bench.scenario;

import org.junit.jupiter.api.Test;
import org.socketchat.bench.measure.LatencyHistogram;

import static org.assertj.core.api.Assertions.assertThat;

class IdleProbeTests {

	@Test
	void passesWithEveryCopyBackInTimeAndNoIdleSessionClosed() {
		assertThat(figures(40, 40, 99.9, 10_000).failure()).isNull();
	}

	@Test
	void failsOnALostCopy() {
		assertThat(figures(40, 39, 5, 10_000).failure()).isEqualTo("the talking client got 39 of its 40 messages back");
	}

	@Test
	void failsWhenNothingWasSent() {
		assertThat(figures(0, 0, 0, 10_000).failure()).contains("0 of its 0");
	}

	@Test
	void failsOnAClosedIdleSession() {
		assertThat(figures(40, 40, 5, 9_998).failure()).isEqualTo("2 idle session(s) closed");
	}

	@Test
	void failsOnAP99OfTheLimitOrMore() {
		assertThat(figures(40, 40, 100, 10_000).failure()).startsWith("the talking client's p99 was 100.0 ms");
	}

	@Test
	void theAppGetsNativeMemoryTrackingAndTheHeapAsked() {
		assertThat(IdleScenario.appJvmArgs(null)).containsExactly("-XX:NativeMemoryTracking=summary");
		assertThat(IdleScenario.appJvmArgs("512m")).containsExactly("-XX:NativeMemoryTracking=summary", "-Xmx512m");
	}

	private static IdleProbe.Figures figures(long sent, long received, double p99Ms, int idleOpen) {
		return new IdleProbe.Figures(2, 20, sent, received, new LatencyHistogram.Percentiles(received, 3, 4, p99Ms, p99Ms),
				10_000, idleOpen);
	}

}
