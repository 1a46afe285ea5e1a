package org.socketchat.presence;

import java.util.Map;

/** How many sessions are in each room now, for listing rooms. */
public interface RoomPresence {

	/** Rooms with nobody in them are not in the map. */
	Map<String, Integer> presentByRoom();

}
