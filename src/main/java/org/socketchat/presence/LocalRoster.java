package org.socketchat.presence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The sessions of this instance, which is all there is without a shared broker. */
final class LocalRoster implements Roster {

	private final Map<String, String> usernamesBySession = new HashMap<>();

	@Override
	public boolean isShared() {
		return false;
	}

	@Override
	public boolean join(String sessionId, String username) {
		return this.usernamesBySession.putIfAbsent(sessionId, username) == null;
	}

	@Override
	public String leave(String sessionId) {
		return this.usernamesBySession.remove(sessionId);
	}

	@Override
	public int online() {
		return this.usernamesBySession.size();
	}

	@Override
	public List<String> usernames() {
		return this.usernamesBySession.values().stream().sorted().toList();
	}

	@Override
	public List<Change> refresh() {
		return List.of();
	}

	@Override
	public void close() {
	}

}
