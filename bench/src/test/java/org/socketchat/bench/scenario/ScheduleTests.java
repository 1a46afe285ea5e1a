package org.socketchat.bench.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScheduleTests {

	private final Schedule schedule = new Schedule(1000, 4, 10);

	@Test
	void theWarmUpRampsFromATenthToTheFullRate() {
		assertThat(this.schedule.warmupCount()).isEqualTo(2_200); // (100 + 1000) / 2 x 4 s
		assertThat(this.schedule.total()).isEqualTo(12_200);
		assertThat(this.schedule.dueSeconds(0)).isZero();
		// Early on, messages come 10 ms apart (100/s); at the end of the ramp, 1 ms apart.
		assertThat(this.schedule.dueSeconds(1)).isCloseTo(0.01, within(0.0002));
		double lastGap = this.schedule.dueSeconds(2_199) - this.schedule.dueSeconds(2_198);
		assertThat(lastGap).isCloseTo(0.001, within(0.00005));
	}

	@Test
	void afterTheWarmUpMessagesComeAtTheFullRate() {
		assertThat(this.schedule.dueSeconds(2_200)).isCloseTo(4.0, within(1e-3));
		assertThat(this.schedule.dueSeconds(12_199)).isCloseTo(4.0 + 9.999, within(1e-9));
	}

	@Test
	void dueTimesOnlyGrow() {
		double previous = -1;
		for (long k = 0; k < this.schedule.total(); k++) {
			double due = this.schedule.dueSeconds(k);
			assertThat(due).isGreaterThan(previous);
			previous = due;
		}
	}

}
