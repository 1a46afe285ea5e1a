package org.socketchat.chat;

import org.socketchat.messaging.ErrorCode;

/** What became of one send: decided by the writer, answered by {@link SendReplies}. */
sealed interface Outcome {

	/** Newly stored: everyone gets it. */
	record Stored(ChatMessage message) implements Outcome {
	}

	/** The sender stored this clientId before: the stored copy goes to the sender alone. */
	record Duplicate(ChatMessage message) implements Outcome {
	}

	/** Not stored; the sender may send it again with the same clientId. */
	record Failed(ErrorCode code, String reason) implements Outcome {

		static final Failed NOT_STORED = new Failed(ErrorCode.NOT_STORED, "message could not be stored, please retry");

		static final Failed BUSY = new Failed(ErrorCode.NOT_STORED, "the server is too busy, please retry");

		static final Failed BROKER_UNAVAILABLE = new Failed(ErrorCode.NOT_STORED,
				"the message broker is unavailable, please retry");

		static final Failed SHUTTING_DOWN = new Failed(ErrorCode.SHUTTING_DOWN,
				"the server is shutting down, please retry");

	}

}
