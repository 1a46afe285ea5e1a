package org.socketchat.bench.measure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcStatsTests {

	@Test
	void cpuIsUtimePlusStimeCountedAfterTheCommandName() {
		// The command name may hold spaces and parentheses; fields 14 and 15 are 250 and 50 ticks.
		String stat = "4242 (java (my) app) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 9 0";
		assertThat(ProcStats.cpuSeconds(stat) * clockTicks()).isEqualTo(300.0);
	}

	@Test
	void memoryLinesAreReadInKiB() {
		String status = "Name:\tjava\nVmHWM:\t  123456 kB\nVmRSS:\t   65432 kB\nThreads:\t30\n";
		assertThat(ProcStats.kib(status, "VmHWM:")).isEqualTo(123_456);
		assertThat(ProcStats.kib(status, "VmRSS:")).isEqualTo(65_432);
		assertThat(ProcStats.kib(status, "VmSwap:")).isZero();
	}

	@Test
	void theMachineIsBusyInEveryStateButIdleAndIowait() {
		String stat = "cpu  100 5 50 9000 40 3 2 1 0 0\ncpu0 50 2 25 4500 20 1 1 0 0 0\n";
		assertThat(ProcStats.busySeconds(stat) * clockTicks()).isEqualTo(161.0);
	}

	@Test
	void readsThisProcess() {
		ProcStats.Sample self = ProcStats.self();
		assertThat(self.cpuSeconds()).isPositive();
		assertThat(self.peakRssKiB()).isGreaterThanOrEqualTo(self.rssKiB()).isPositive();
	}

	private static double clockTicks() {
		// Recover the tick rate ProcStats uses from a stat line of exactly one second of ticks.
		return 1.0 / ProcStats.cpuSeconds("1 (x) S 1 1 1 0 -1 0 0 0 0 0 1 0 0 0 20 0 1 0 1 0");
	}

}
