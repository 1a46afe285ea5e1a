package org.socketchat.bench.measure;

import java.util.Map;
import java.util.Set;

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
	void otherProcessesCountWithTheChildrenTheyReapedButNotOurs() {
		String stat = "7 (make) S 1 7 7 0 -1 0 0 0 0 0 100 50 30 20 20 0 1 0 1 0";
		assertThat(ProcStats.cpuSecondsWithChildren(stat) * clockTicks()).isEqualTo(200.0);
		assertThat(ProcStats.parent(stat)).isEqualTo(1);
		assertThat(ProcStats.reapedCpuSeconds(stat) * clockTicks()).isEqualTo(50.0);
		Map<Long, ProcStats.Cpu> before = Map.of(1L, cpu(0, 10.0, 0), 2L, cpu(0, 5.0, 0), 3L, cpu(9, 1.0, 0));
		// 3 exited (its parent 9 is gone too), 4 is new
		Map<Long, ProcStats.Cpu> after = Map.of(1L, cpu(0, 12.0, 0), 2L, cpu(0, 9.0, 0), 4L, cpu(1, 0.5, 0));
		assertThat(ProcStats.othersBetween(before, after, Set.of(2L))).isEqualTo(2.5);
	}

	@Test
	void aChildReapedMeanwhileCountsOnlyWhatItUsedAfterTheFirstReading() {
		// 3 had used 40 s before; it used 1 s more, then 1 reaped it: 1's count grows by 41 + 1 of its own.
		Map<Long, ProcStats.Cpu> before = Map.of(1L, cpu(0, 10.0, 0), 3L, cpu(1, 40.0, 0));
		Map<Long, ProcStats.Cpu> after = Map.of(1L, cpu(0, 52.0, 41.0));
		assertThat(ProcStats.othersBetween(before, after, Set.of())).isEqualTo(2.0);
		// Reaped by one of ours, it never counted: nothing to take off.
		assertThat(ProcStats.othersBetween(before, after, Set.of(1L))).isZero();
		// A parent that ignores SIGCHLD gets nothing added: nothing to take off either.
		Map<Long, ProcStats.Cpu> autoReaped = Map.of(1L, cpu(0, 11.0, 0));
		assertThat(ProcStats.othersBetween(before, autoReaped, Set.of())).isEqualTo(1.0);
	}

	@Test
	void seesTheProcessesRunningNow() {
		assertThat(ProcStats.allProcesses()).containsKey(ProcessHandle.current().pid());
	}

	@Test
	void readsThisProcess() {
		ProcStats.Sample self = ProcStats.self();
		assertThat(self.cpuSeconds()).isPositive();
		assertThat(self.peakRssKiB()).isGreaterThanOrEqualTo(self.rssKiB()).isPositive();
	}

	private static ProcStats.Cpu cpu(long parent, double seconds, double reapedSeconds) {
		return new ProcStats.Cpu(parent, seconds, reapedSeconds);
	}

	private static double clockTicks() {
		// Recover the tick rate ProcStats uses from a stat line of exactly one second of ticks.
		return 1.0 / ProcStats.cpuSeconds("1 (x) S 1 1 1 0 -1 0 0 0 0 0 1 0 0 0 20 0 1 0 1 0");
	}

}
