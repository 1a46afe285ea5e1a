package org.socketchat.presence;

import java.util.List;
import java.util.Map;

/** The sessions of this instance, which is all there is without a shared broker. */
final class LocalRoster implements Roster {

	private final Members members = new Members();

	@Override
	public boolean isShared() {
		return false;
	}

	@Override
	public boolean join(String sessionId, String room, String username) {
		return this.members.add(sessionId, room, username);
	}

	@Override
	public String leave(String sessionId, String room) {
		return this.members.remove(sessionId, room);
	}

	@Override
	public List<Change> leaveAll(String sessionId) {
		return this.members.removeAll(sessionId);
	}

	@Override
	public int count(String room) {
		return this.members.count(room);
	}

	@Override
	public List<String> usernames(String room) {
		return this.members.usernames(room);
	}

	@Override
	public Map<String, Integer> countsByRoom() {
		return this.members.countsByRoom();
	}

	@Override
	public List<Change> refresh() {
		return List.of();
	}

	@Override
	public void close() {
	}

}
