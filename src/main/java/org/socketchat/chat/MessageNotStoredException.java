package org.socketchat.chat;

/** The database refused or could not be reached; carries the clientId for the error reply. */
class MessageNotStoredException extends RuntimeException {

	private final String clientId;

	MessageNotStoredException(String clientId, Throwable cause) {
		super("message could not be stored, please retry", cause);
		this.clientId = clientId;
	}

	String clientId() {
		return this.clientId;
	}

}
