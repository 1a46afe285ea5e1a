package org.socketchat.presence;

import java.util.List;
import java.util.Map;

import org.socketchat.presence.PresenceNotice.Type;

/**
 * Who is where: each session in {@link #SERVER} while connected, and in each room whose
 * messages it subscribes to; the sessions of this instance alone, or of every instance
 * sharing the database. Used under the tracker's lock.
 */
interface Roster {

	/** Not a room name, so it cannot be one: the server as a whole. */
	String SERVER = "";

	/** Whether other instances' sessions are in it, so it needs {@link #refresh()}ing. */
	boolean isShared();

	/** Adds the session to the room; {@code false} when it is there already. */
	boolean join(String sessionId, String room, String username);

	/** Takes the session out of the room; its username, or {@code null} when it was not there. */
	String leave(String sessionId, String room);

	/** Takes the session out of everywhere it is; one change per place, oldest first. */
	List<Change> leaveAll(String sessionId);

	int count(String room);

	/** Display names, sorted, one per session in the room. */
	List<String> usernames(String room);

	/** How many sessions are in each room that has any ({@link #SERVER} not included). */
	Map<String, Integer> countsByRoom();

	/**
	 * Brings the roster up to date with what happened elsewhere (instances that died);
	 * what changed, oldest first.
	 */
	List<Change> refresh();

	/** This instance is stopping: its sessions are no longer to be counted. */
	void close();

	record Change(Type type, String room, String username) {
	}

}
