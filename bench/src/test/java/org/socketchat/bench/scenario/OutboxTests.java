package org.socketchat.bench.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void aSendWaitsForItsAckAndGoesAgainAfterAReconnect() {
		Outbox outbox = new Outbox("alice");
		outbox.add("a-1", "{1}", 0);
		outbox.add("a-2", "{2}", 0);
		assertThat(outbox.takeDue(0)).containsExactly("{1}", "{2}");
		assertThat(outbox.takeDue(10 * SECOND)).isEmpty(); // awaiting an answer
		assertThat(outbox.acknowledge(new StoredMessage(1, "alice", "a-1", "one"))).isTrue();
		outbox.allDue(11 * SECOND);
		assertThat(outbox.takeDue(11 * SECOND)).containsExactly("{2}");
		Outbox.Figures figures = outbox.figures();
		assertThat(figures.created()).isEqualTo(2);
		assertThat(figures.frames()).isEqualTo(3);
		assertThat(figures.retried()).isEqualTo(1);
		assertThat(figures.unacknowledged()).isEqualTo(1);
	}

	@Test
	void onlyItsOwnUsersMessagesAcknowledge() {
		Outbox outbox = new Outbox("alice");
		outbox.add("a-1", "{1}", 0);
		assertThat(outbox.acknowledge(new StoredMessage(1, "bob", "a-1", "bob's own"))).isFalse();
		assertThat(outbox.acknowledge(new StoredMessage(2, "alice", "a-1", "one"))).isTrue();
		assertThat(outbox.acknowledge(new StoredMessage(2, "alice", "a-1", "one"))).isFalse(); // the retry reply
		assertThat(outbox.figures().acks()).hasSize(2);
	}

	@Test
	void refusedForNowIsRetriedLaterWithTheSameBody() {
		Outbox outbox = new Outbox("alice");
		outbox.add("a-1", "{1}", 0);
		outbox.add("a-2", "{2}", 0);
		outbox.add("a-3", "{3}", 0);
		outbox.takeDue(0);
		outbox.refused("RATE_LIMITED", "a-1", 2_000, 0);
		outbox.refused("SHUTTING_DOWN", "a-2", 0, 0); // a code this tool does not know: like NOT_STORED
		outbox.refused("INVALID_MESSAGE", "a-3", 0, 0);
		assertThat(outbox.takeDue(SECOND)).containsExactly("{2}");
		assertThat(outbox.takeDue(2 * SECOND)).containsExactly("{1}");
		Outbox.Figures figures = outbox.figures();
		assertThat(figures.refused()).isEqualTo(1);
		assertThat(figures.unacknowledged()).isEqualTo(2);
		assertThat(figures.errors()).containsEntry("RATE_LIMITED", 1L).containsEntry("SHUTTING_DOWN", 1L);
	}

}
