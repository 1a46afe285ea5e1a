package org.socketchat.bench.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriberTallyTests {

	@Test
	void countsDistinctMessagesDuplicatesAndMeasuredLatency() {
		SubscriberTally tally = new SubscriberTally("t1", 2); // messages 0 and 1 are warm-up
		tally.onMessage(broadcast("t1", 0, 1_000_000), 2_000_000);
		tally.onMessage(broadcast("t1", 2, 1_000_000), 4_000_000); // 3 ms
		tally.onMessage(broadcast("t1", 2, 1_000_000), 5_000_000); // again
		tally.onMessage(broadcast("t1", 3, 1_000_000), 6_000_000); // 5 ms
		tally.onMessage(broadcast("other", 4, 0), 6_000_000);
		assertThat(tally.unique()).isEqualTo(3);
		assertThat(tally.uniqueMeasured()).isEqualTo(2);
		assertThat(tally.duplicates()).isEqualTo(1);
		assertThat(tally.latencyMicros().count()).isEqualTo(2);
		assertThat(tally.latencyMicros().max()).isEqualTo(5_000);
		assertThat(tally.lastReceivedNanos()).isEqualTo(6_000_000);
	}

	private static String broadcast(String tag, long index, long sentNanos) {
		String json = new Probe(tag, index, sentNanos).json(30);
		return "{\"id\":" + index + ",\"username\":\"u\"," + json.substring(1);
	}

}
