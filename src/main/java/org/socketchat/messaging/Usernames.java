package org.socketchat.messaging;

import java.util.concurrent.ThreadLocalRandom;

/** The rules for the display name a client asks for in its CONNECT frame. */
final class Usernames {

	static final int MAX_LENGTH = 32;

	private Usernames() {
	}

	/**
	 * @param requested the {@code username} header, possibly absent
	 * @return the trimmed name, or a {@code guest-NNNN} name when none was given
	 * @throws IllegalArgumentException when the name is too long or holds control
	 * characters, with a message fit to show the client
	 */
	static String resolve(String requested) {
		String name = (requested != null) ? requested.strip() : "";
		if (name.isEmpty()) {
			return "guest-%04d".formatted(ThreadLocalRandom.current().nextInt(10_000));
		}
		if (name.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("username must be at most " + MAX_LENGTH + " characters");
		}
		if (name.chars().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("username must not contain control characters");
		}
		return name;
	}

}
