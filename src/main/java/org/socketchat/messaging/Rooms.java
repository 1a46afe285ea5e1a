package org.socketchat.messaging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Room names and the destinations of a room (docs/PROTOCOL.md, "Rooms"). {@code general}
 * keeps the destinations it had before there were rooms.
 */
public final class Rooms {

	public static final String DEFAULT = "general";

	/** What a room name may be: also safe in a topic name on RabbitMQ and in a URL. */
	public static final String NAME = "[a-z0-9-]{1,32}";

	/** {@link #NAME} in words, for those who break it. */
	public static final String NAME_RULE = "must be 1-32 characters of a-z, 0-9 and -";

	private static final String DEFAULT_TOPIC = "/topic/chat";

	private static final Pattern MESSAGES_TOPIC = Pattern.compile("/topic/rooms\\.(" + NAME + ")");

	private static final Pattern TYPING_SIGNAL = Pattern.compile("/app/rooms/(" + NAME + ")/typing");

	private Rooms() {
	}

	/** Where a room's messages are broadcast. */
	public static String messagesTopic(String room) {
		return DEFAULT.equals(room) ? DEFAULT_TOPIC : "/topic/rooms." + room;
	}

	public static String presenceTopic(String room) {
		return "/topic/rooms." + room + ".presence";
	}

	public static String typingTopic(String room) {
		return "/topic/rooms." + room + ".typing";
	}

	/** The room a SEND to this destination says its sender is typing in, or {@code null}. */
	public static String ofTypingSignal(String destination) {
		// Asked of every inbound frame, three times: most are chat, and need no pattern.
		if (destination == null || !destination.endsWith("/typing")) {
			return null;
		}
		Matcher room = TYPING_SIGNAL.matcher(destination);
		return room.matches() ? room.group(1) : null;
	}

	/** The room whose messages a destination carries, or {@code null}. */
	public static String ofMessagesTopic(String destination) {
		if (DEFAULT_TOPIC.equals(destination)) {
			return DEFAULT;
		}
		Matcher room = MESSAGES_TOPIC.matcher((destination != null) ? destination : "");
		return (room.matches() && !DEFAULT.equals(room.group(1))) ? room.group(1) : null;
	}

}
