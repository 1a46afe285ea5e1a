package org.socketchat.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.socketchat.presence.PresenceNotice.Type;
import org.socketchat.presence.Roster.Change;

/** Sessions by room and rooms by session, so every question a roster gets costs one lookup. */
final class Members {

	private final Map<String, Map<String, String>> usernamesByRoom = new HashMap<>();

	/** In the order the session joined them, so leaving reports them in that order. */
	private final Map<String, Map<String, String>> roomsBySession = new HashMap<>();

	boolean add(String sessionId, String room, String username) {
		Map<String, String> rooms = this.roomsBySession.computeIfAbsent(sessionId, (key) -> new LinkedHashMap<>());
		if (rooms.putIfAbsent(room, username) != null) {
			return false;
		}
		this.usernamesByRoom.computeIfAbsent(room, (key) -> new HashMap<>()).put(sessionId, username);
		return true;
	}

	String remove(String sessionId, String room) {
		Map<String, String> rooms = this.roomsBySession.get(sessionId);
		String username = (rooms != null) ? rooms.remove(room) : null;
		if (username == null) {
			return null;
		}
		if (rooms.isEmpty()) {
			this.roomsBySession.remove(sessionId);
		}
		Map<String, String> sessions = this.usernamesByRoom.get(room);
		sessions.remove(sessionId);
		if (sessions.isEmpty()) {
			this.usernamesByRoom.remove(room);
		}
		return username;
	}

	List<Change> removeAll(String sessionId) {
		List<Change> left = new ArrayList<>();
		Map<String, String> rooms = this.roomsBySession.get(sessionId);
		if (rooms != null) {
			new ArrayList<>(rooms.keySet()).forEach((room) -> left.add(new Change(Type.LEFT, room, remove(sessionId, room))));
		}
		return left;
	}

	int count(String room) {
		Map<String, String> sessions = this.usernamesByRoom.get(room);
		return (sessions != null) ? sessions.size() : 0;
	}

	List<String> usernames(String room) {
		return this.usernamesByRoom.getOrDefault(room, Map.of()).values().stream().sorted().toList();
	}

	Map<String, Integer> countsByRoom() {
		Map<String, Integer> counts = new HashMap<>();
		this.usernamesByRoom.forEach((room, sessions) -> {
			if (!Roster.SERVER.equals(room)) {
				counts.put(room, sessions.size());
			}
		});
		return counts;
	}

	/** Every membership, as (session, room) with its username. */
	void forEach(TriConsumer each) {
		this.roomsBySession
			.forEach((sessionId, rooms) -> rooms.forEach((room, username) -> each.accept(sessionId, room, username)));
	}

	interface TriConsumer {

		void accept(String sessionId, String room, String username);

	}

}
