package org.socketchat.presence;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketchat.presence.PresenceNotice.Type;
import org.socketchat.presence.Roster.Change;

import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Two instances' rosters in one real database, as two instances behind one broker see it. */
abstract class SharedRosterTests {

	JdbcTemplate jdbc;

	SharedRoster first;

	SharedRoster second;

	/** A freshly migrated, empty database. */
	abstract JdbcTemplate emptyDatabase();

	@BeforeEach
	void twoInstances() {
		this.jdbc = emptyDatabase();
		this.first = new SharedRoster(this.jdbc);
		this.second = new SharedRoster(this.jdbc);
		assertThat(this.first.refresh()).isEmpty();
		assertThat(this.second.refresh()).isEmpty();
	}

	@Test
	void eachInstanceCountsEverySession() {
		assertThat(this.first.join("s1", "ana")).isTrue();
		assertThat(this.second.join("s2", "bo")).isTrue();
		assertThat(this.first.join("s1", "ana")).as("the same session again").isFalse();

		assertThat(this.first.online()).isEqualTo(2);
		assertThat(this.second.usernames()).containsExactly("ana", "bo");

		assertThat(this.second.leave("s2")).isEqualTo("bo");
		assertThat(this.second.leave("s2")).as("a second disconnect event").isNull();
		assertThat(this.first.usernames()).containsExactly("ana");
	}

	@Test
	void theSessionsOfAnInstanceThatStoppedRefreshingAreAnnouncedGoneOnceByTheFirstToNotice() {
		this.first.join("s1", "ana");
		this.first.join("s2", "bo");
		this.second.join("s3", "cy");
		SharedRoster third = new SharedRoster(this.jdbc);
		third.refresh();

		ageInstances(SharedRoster.EXPIRY_SECONDS - 2);
		assertThat(this.second.refresh()).as("not yet expired").isEmpty();
		this.second.refresh();
		third.refresh();
		ageInstances(3);
		// first has not refreshed for EXPIRY_SECONDS + 1 seconds; the others did 3 seconds ago.

		assertThat(this.second.refresh()).containsExactlyInAnyOrder(new Change(Type.LEFT, "ana"),
				new Change(Type.LEFT, "bo"));
		assertThat(third.refresh()).as("already announced by the other").isEmpty();
		assertThat(this.second.usernames()).containsExactly("cy");
	}

	@Test
	void aStoppingInstanceIsGoneAtTheOthersNextRefresh() {
		this.first.join("s1", "ana");
		this.first.close();
		assertThat(this.second.refresh()).containsExactly(new Change(Type.LEFT, "ana"));
		assertThat(this.second.online()).isZero();
	}

	@Test
	void anInstanceTakenForDeadPutsItsSessionsBackAndSaysSo() {
		this.first.join("s1", "ana");
		this.first.join("s2", "bo");
		this.second.join("s3", "cy");
		ageInstances(SharedRoster.EXPIRY_SECONDS + 1);
		this.second.refresh();
		assertThat(this.second.usernames()).containsExactly("cy");

		assertThat(this.first.refresh()).containsExactlyInAnyOrder(new Change(Type.JOINED, "ana"),
				new Change(Type.JOINED, "bo"));
		assertThat(this.second.usernames()).containsExactly("ana", "bo", "cy");
		assertThat(this.first.refresh()).isEmpty();
	}

	@Test
	void whatAFailedJoinOrLeaveDidNotWriteIsPutRightAtTheNextRefresh() {
		AtomicBoolean outOfReach = new AtomicBoolean();
		SharedRoster flaky = new SharedRoster(new JdbcTemplate(this.jdbc.getDataSource()) {
			@Override
			public <T> List<T> queryForList(String sql, Class<T> elementType, Object... args) {
				if (outOfReach.get()) {
					throw new TransientDataAccessResourceException("the database is out of reach");
				}
				return super.queryForList(sql, elementType, args);
			}
		});
		flaky.refresh();
		flaky.join("s1", "ana");
		outOfReach.set(true);
		assertThatExceptionOfType(TransientDataAccessResourceException.class).isThrownBy(() -> flaky.join("s2", "bo"));
		assertThatExceptionOfType(TransientDataAccessResourceException.class).isThrownBy(() -> flaky.leave("s1"));
		outOfReach.set(false);
		assertThat(this.second.usernames()).containsExactly("ana");

		assertThat(flaky.refresh()).containsExactlyInAnyOrder(new Change(Type.JOINED, "bo"),
				new Change(Type.LEFT, "ana"));
		assertThat(this.second.usernames()).containsExactly("bo");
		assertThat(flaky.refresh()).isEmpty();
	}

	@Test
	void sessionsOfAnInstanceNeverSeenAliveAreRemoved() {
		this.jdbc.queryForList("INSERT INTO presence (session_id, instance_id, username) VALUES (?, 'gone', 'zed')"
				+ " RETURNING 0", Integer.class, "s9");
		assertThat(this.first.refresh()).containsExactly(new Change(Type.LEFT, "zed"));
	}

	/**
	 * As if this many seconds passed without a refresh: the database's clock cannot be
	 * moved. A query, as the libsql driver runs no updates.
	 */
	private void ageInstances(int seconds) {
		this.jdbc.queryForList("UPDATE instances SET seen_at = seen_at - ? RETURNING 0", Integer.class, seconds);
	}

}
