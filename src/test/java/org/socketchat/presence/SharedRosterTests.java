package org.socketchat.presence;

import java.util.List;
import java.util.Map;
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

	private static final String SERVER = Roster.SERVER;

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
		assertThat(this.first.join("s1", SERVER, "ana")).isTrue();
		assertThat(this.second.join("s2", SERVER, "bo")).isTrue();
		assertThat(this.first.join("s1", SERVER, "ana")).as("the same session again").isFalse();

		assertThat(this.first.count(SERVER)).isEqualTo(2);
		assertThat(this.second.usernames(SERVER)).containsExactly("ana", "bo");

		assertThat(this.second.leave("s2", SERVER)).isEqualTo("bo");
		assertThat(this.second.leave("s2", SERVER)).as("a second disconnect event").isNull();
		assertThat(this.first.usernames(SERVER)).containsExactly("ana");
	}

	@Test
	void theSessionsOfAnInstanceThatStoppedRefreshingAreAnnouncedGoneOnceByTheFirstToNotice() {
		this.first.join("s1", SERVER, "ana");
		this.first.join("s2", SERVER, "bo");
		this.second.join("s3", SERVER, "cy");
		SharedRoster third = new SharedRoster(this.jdbc);
		third.refresh();

		ageInstances(SharedRoster.EXPIRY_SECONDS - 2);
		assertThat(this.second.refresh()).as("not yet expired").isEmpty();
		this.second.refresh();
		third.refresh();
		ageInstances(3);
		// first has not refreshed for EXPIRY_SECONDS + 1 seconds; the others did 3 seconds ago.

		assertThat(this.second.refresh()).containsExactlyInAnyOrder(new Change(Type.LEFT, SERVER, "ana"),
				new Change(Type.LEFT, SERVER, "bo"));
		assertThat(third.refresh()).as("already announced by the other").isEmpty();
		assertThat(this.second.usernames(SERVER)).containsExactly("cy");
	}

	@Test
	void aStoppingInstanceIsGoneAtTheOthersNextRefresh() {
		this.first.join("s1", SERVER, "ana");
		this.first.close();
		assertThat(this.second.refresh()).containsExactly(new Change(Type.LEFT, SERVER, "ana"));
		assertThat(this.second.count(SERVER)).isZero();
	}

	@Test
	void anInstanceTakenForDeadPutsItsSessionsBackAndSaysSo() {
		this.first.join("s1", SERVER, "ana");
		this.first.join("s2", SERVER, "bo");
		this.second.join("s3", SERVER, "cy");
		ageInstances(SharedRoster.EXPIRY_SECONDS + 1);
		this.second.refresh();
		assertThat(this.second.usernames(SERVER)).containsExactly("cy");

		assertThat(this.first.refresh()).containsExactlyInAnyOrder(new Change(Type.JOINED, SERVER, "ana"),
				new Change(Type.JOINED, SERVER, "bo"));
		assertThat(this.second.usernames(SERVER)).containsExactly("ana", "bo", "cy");
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
		flaky.join("s1", SERVER, "ana");
		outOfReach.set(true);
		assertThatExceptionOfType(TransientDataAccessResourceException.class).isThrownBy(() -> flaky.join("s2", SERVER, "bo"));
		assertThatExceptionOfType(TransientDataAccessResourceException.class).isThrownBy(() -> flaky.leave("s1", SERVER));
		outOfReach.set(false);
		assertThat(this.second.usernames(SERVER)).containsExactly("ana");

		assertThat(flaky.refresh()).containsExactlyInAnyOrder(new Change(Type.JOINED, SERVER, "bo"),
				new Change(Type.LEFT, SERVER, "ana"));
		assertThat(this.second.usernames(SERVER)).containsExactly("bo");
		assertThat(flaky.refresh()).isEmpty();
	}

	@Test
	void sessionsOfAnInstanceNeverSeenAliveAreRemoved() {
		this.jdbc.queryForList("INSERT INTO presence (session_id, room, instance_id, username) VALUES (?, 'music', 'gone', 'zed')"
				+ " RETURNING 0", Integer.class, "s9");
		assertThat(this.first.refresh()).containsExactly(new Change(Type.LEFT, "music", "zed"));
	}

	@Test
	void aSessionIsInTheRoomsItJoinedAndLeavesThemAllAtOnce() {
		this.first.join("s1", SERVER, "ana");
		this.first.join("s1", "music", "ana");
		this.first.join("s1", "books", "ana");
		this.second.join("s2", SERVER, "bo");
		this.second.join("s2", "music", "bo");
		assertThat(this.first.join("s1", "music", "ana")).isFalse();

		assertThat(this.second.usernames("music")).containsExactly("ana", "bo");
		assertThat(this.second.count("books")).isOne();
		assertThat(this.first.countsByRoom()).isEqualTo(Map.of("music", 2, "books", 1));
		assertThat(this.second.leave("s2", "music")).isEqualTo("bo");
		assertThat(this.first.usernames("music")).containsExactly("ana");

		assertThat(this.first.leaveAll("s1")).containsExactly(new Change(Type.LEFT, SERVER, "ana"),
				new Change(Type.LEFT, "music", "ana"), new Change(Type.LEFT, "books", "ana"));
		assertThat(this.first.leaveAll("s1")).as("a second disconnect event").isEmpty();
		assertThat(this.second.countsByRoom()).isEmpty();
		assertThat(this.second.usernames(SERVER)).containsExactly("bo");
	}

	@Test
	void theRoomsOfAnInstanceThatStoppedAreLeftToo() {
		this.first.join("s1", SERVER, "ana");
		this.first.join("s1", "music", "ana");
		this.first.close();
		assertThat(this.second.refresh()).containsExactlyInAnyOrder(new Change(Type.LEFT, SERVER, "ana"),
				new Change(Type.LEFT, "music", "ana"));
		assertThat(this.second.count("music")).isZero();
	}

	/**
	 * As if this many seconds passed without a refresh: the database's clock cannot be
	 * moved. A query, as the libsql driver runs no updates.
	 */
	private void ageInstances(int seconds) {
		this.jdbc.queryForList("UPDATE instances SET seen_at = seen_at - ? RETURNING 0", Integer.class, seconds);
	}

}
