package org.socketchat.bench.scenario;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChaosCheckTests {

	private static final StoredMessage ONE = new StoredMessage(1, "alice", "a-1", "hello");

	private static final StoredMessage TWO = new StoredMessage(2, "bob", "b-1", "hi");

	private static final StoredMessage THREE = new StoredMessage(3, "alice", "a-2", "how are you");

	private static final List<StoredMessage> ROWS = List.of(ONE, TWO, THREE);

	@Test
	void passesWhenEveryAckIsStoredOnceAndEveryViewIsTheDatabase() {
		ChaosCheck check = ChaosCheck.of(ROWS, List.of(ack(ONE), ack(TWO), ack(THREE), ack(THREE)),
				List.of(ROWS, ROWS));
		assertThat(check.passed()).isTrue();
		assertThat(check.stored()).isEqualTo(3);
		assertThat(check.acknowledged()).isEqualTo(3); // a retry reply acknowledges the same send again
		assertThat(check.problems()).isEmpty();
	}

	@Test
	void anAcknowledgedSendMissingFromTheDatabaseIsLost() {
		ChaosCheck check = ChaosCheck.of(List.of(ONE, TWO), List.of(ack(ONE), ack(THREE)), List.of(List.of(ONE, TWO)));
		assertThat(check.lost()).isEqualTo(1);
		assertThat(check.passed()).isFalse();
		assertThat(check.problems()).singleElement().asString().contains("(alice, a-2)");
	}

	@Test
	void anAcknowledgedSendStoredUnderAnotherIdIsLost() {
		ChaosCheck check = ChaosCheck.of(ROWS, List.of(new ChaosCheck.Ack("alice", "a-2", 4)), List.of(ROWS));
		assertThat(check.lost()).isEqualTo(1);
	}

	@Test
	void aClientIdStoredTwiceForOneUserIsADuplicate() {
		StoredMessage again = new StoredMessage(4, "alice", "a-1", "hello");
		List<StoredMessage> rows = List.of(ONE, TWO, THREE, again);
		ChaosCheck check = ChaosCheck.of(rows, List.of(ack(ONE)), List.of(rows));
		assertThat(check.duplicated()).isEqualTo(1);
		assertThat(check.lost()).isZero();
		assertThat(check.passed()).isFalse();
	}

	@Test
	void theSameClientIdFromAnotherUserIsAnotherMessage() {
		StoredMessage bobsOwn = new StoredMessage(4, "bob", "a-1", "mine");
		List<StoredMessage> rows = List.of(ONE, TWO, THREE, bobsOwn);
		ChaosCheck check = ChaosCheck.of(rows, List.of(ack(ONE), ack(bobsOwn)), List.of(rows));
		assertThat(check.passed()).isTrue();
	}

	@Test
	void oneSendAcknowledgedUnderTwoIdsIsADuplicate() {
		ChaosCheck check = ChaosCheck.of(ROWS, List.of(ack(ONE), new ChaosCheck.Ack("alice", "a-1", 3)),
				List.of(ROWS));
		assertThat(check.duplicated()).isEqualTo(1);
		assertThat(check.lost()).isEqualTo(1); // and one of those acks names a row that is not it
	}

	@Test
	void viewsMustEqualTheDatabaseInIdsAndContents() {
		StoredMessage edited = new StoredMessage(2, "bob", "b-1", "hi!");
		ChaosCheck check = ChaosCheck.of(ROWS, List.of(),
				List.of(ROWS, List.of(ONE, THREE), List.of(ONE, edited, THREE), List.of(ONE, TWO, THREE, ONE)));
		assertThat(check.viewsDiffering()).isEqualTo(3);
		assertThat(check.problems()).hasSize(3);
		assertThat(check.problems().get(0)).contains("client 1").contains("position 1");
		assertThat(check.problems().get(1)).contains("client 2").contains("hi!");
		assertThat(check.problems().get(2)).contains("client 3").contains("first extra");
	}

	@Test
	void aShortViewNamesTheFirstMessageItMisses() {
		assertThat(ChaosCheck.difference(List.of(ONE, TWO), ROWS)).contains("2 messages, the database 3")
			.contains("first missing: " + THREE);
		assertThat(ChaosCheck.difference(ROWS, ROWS)).isNull();
	}

	private static ChaosCheck.Ack ack(StoredMessage message) {
		return new ChaosCheck.Ack(message.username(), message.clientId(), message.id());
	}

}
