package org.socketchat.bench.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChaosViewTests {

	@Test
	void caughtUpToIsTheHighestIdWithEveryMessageBelowIt() {
		ChaosView view = new ChaosView();
		view.show(message(1));
		view.show(message(2));
		view.show(message(4)); // 3 overtaken, or lost with a dropped connection
		assertThat(view.caughtUpTo()).isEqualTo(2);
		view.show(message(3));
		assertThat(view.caughtUpTo()).isEqualTo(4);
	}

	@Test
	void aBacklogReadUpToAnIdCatchesUpThereAndBeyondWhatFollows() {
		ChaosView view = new ChaosView();
		view.show(message(6));
		view.markCaughtUp(5); // the backlog had 1..5
		assertThat(view.caughtUpTo()).isEqualTo(6);
		view.markCaughtUp(3); // never backwards
		assertThat(view.caughtUpTo()).isEqualTo(6);
	}

	@Test
	void showsEachIdOnceInIdOrderAndCountsConflictingCopies() {
		ChaosView view = new ChaosView();
		view.show(message(2));
		view.show(message(1));
		view.show(message(2)); // live and from the backlog: the same message
		view.show(new StoredMessage(1, "u", "c-1", "something else"));
		assertThat(view.messages()).containsExactly(message(1), message(2));
		assertThat(view.conflicts()).isEqualTo(1);
	}

	@Test
	void readsTheWireShape() {
		assertThat(StoredMessage.parse(
				"{\"id\":7,\"username\":\"bob\",\"content\":\"\\\"hi\\\" 🙂\",\"clientId\":null,\"createdAt\":\"2026-11-22T16:20:31.123Z\"}"))
			.isEqualTo(new StoredMessage(7, "bob", null, "\"hi\" 🙂"));
	}

	private static StoredMessage message(long id) {
		return new StoredMessage(id, "u", "c-" + id, "message " + id);
	}

}
