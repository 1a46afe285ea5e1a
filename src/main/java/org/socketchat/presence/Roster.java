package org.socketchat.presence;

import java.util.List;

import org.socketchat.presence.PresenceNotice.Type;

/**
 * Who is online: the sessions of this instance alone, or of every instance sharing the
 * database. Used under the tracker's lock.
 */
interface Roster {

	/** Whether other instances' sessions are in it, so it needs {@link #refresh()}ing. */
	boolean isShared();

	/** Adds the session; {@code false} when it is there already. */
	boolean join(String sessionId, String username);

	/** Removes the session; its username, or {@code null} when it was not there. */
	String leave(String sessionId);

	int online();

	/** Display names, sorted, one per session. */
	List<String> usernames();

	/**
	 * Brings the roster up to date with what happened elsewhere (instances that died);
	 * what changed, oldest first.
	 */
	List<Change> refresh();

	/** This instance is stopping: its sessions are no longer to be counted. */
	void close();

	record Change(Type type, String username) {
	}

}
