package org.socketchat.bench.scenario;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlowReadersScenarioTests {

	@Test
	void passesWhenReadersGotEverythingInTimeAndEveryNonReaderWasClosedWithin15Seconds() {
		assertThat(SlowReadersScenario.failure(0, 0, 0, 199.9, List.of(5.0, 15.0))).isNull();
	}

	@Test
	void namesEveryMiss() {
		assertThat(SlowReadersScenario.failure(3, 1, 2, 200, Arrays.asList(5.0, 15.1, null)))
			.isEqualTo("readers lost 3 and got 1 twice; 2 readers or senders closed; p99 200.0 ms; "
					+ "2 of 3 non-readers not closed within 15 s");
	}

}
