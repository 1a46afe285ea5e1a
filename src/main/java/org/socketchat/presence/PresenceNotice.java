package org.socketchat.presence;

/**
 * Broadcast on {@code /topic/presence} when a session connects or disconnects.
 *
 * @param online sessions connected to this server after the change
 */
record PresenceNotice(Type type, String username, int online) {

	enum Type {

		JOINED, LEFT

	}

}
