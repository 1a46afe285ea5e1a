package org.socketchat.bench.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

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

	@Test
	void readsBytesByClassFromAClassHistogram() {
		String histogram = """
				12345:
				 num     #instances         #bytes  class name (module)
				-------------------------------------------------------
				   1:         20000        1600000  [B (java.base@17.0.15)
				   2:          5000         240000  java.lang.String (java.base@17.0.15)
				   3:            10            480  org.apache.tomcat.websocket.WsSession
				Total         25010        1840480
				""";
		assertThat(Jcmd.parseClassHistogram(histogram)).containsOnly(entry("[B", 1_600_000L),
				entry("java.lang.String", 240_000L), entry("org.apache.tomcat.websocket.WsSession", 480L));
	}

}
