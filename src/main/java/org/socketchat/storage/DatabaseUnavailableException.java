package org.socketchat.storage;

/**
 * The configured libSQL server cannot be used at start. The message is one line fit to
 * show the user: it names the setting to fix and never holds the token.
 */
class DatabaseUnavailableException extends RuntimeException {

	private final String action;

	DatabaseUnavailableException(String message, String action) {
		super(message);
		this.action = action;
	}

	String action() {
		return this.action;
	}

}
