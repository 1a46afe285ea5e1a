package org.socketchat.bench.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JcmdTests {

	@Test
	void readsTotalAndHeapFromANativeMemorySummary() {
		String summary = """
				4242:

				Native Memory Tracking:

				(Omitting categories weighting less than 1KB)

				Total: reserved=7723456KB, committed=297152KB
				       malloc: 21348KB #81234
				-                 Java Heap (reserved=6291456KB, committed=198656KB)
				                            (mmap: reserved=6291456KB, committed=198656KB)
				-                     Class (reserved=1048795KB, committed=11227KB)
				""";
		Jcmd.NativeMemory memory = Jcmd.parseNativeMemory(summary);
		assertThat(memory.totalCommittedKiB()).isEqualTo(297_152);
		assertThat(memory.heapCommittedKiB()).isEqualTo(198_656);
		assertThat(memory.nonHeapCommittedKiB()).isEqualTo(98_496);
	}

}
