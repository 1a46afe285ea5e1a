package org.socketchat.chat;

import org.socketchat.chat.Outcome.Duplicate;
import org.socketchat.chat.Outcome.Failed;
import org.socketchat.chat.Outcome.Stored;
import org.socketchat.messaging.ClientError;
import org.socketchat.messaging.ErrorQueue;
import org.socketchat.messaging.Rooms;

import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/** The one place a send is answered, whatever became of it. */
@Component
class SendReplies {

	/** Where a retried send gets its already-stored copy: the others have seen it. */
	static final String REPLAY_QUEUE = "/queue/chat";

	private final SimpMessagingTemplate messaging;

	private final ErrorQueue errors;

	SendReplies(SimpMessagingTemplate messaging, ErrorQueue errors) {
		this.messaging = messaging;
		this.errors = errors;
	}

	void answer(Send send, Outcome outcome) {
		if (outcome instanceof Stored stored) {
			this.messaging.convertAndSend(Rooms.messagesTopic(stored.message().room()), stored.message());
		}
		else if (outcome instanceof Duplicate duplicate) {
			// The principal name is the session's own, so this reaches that session alone.
			this.messaging.convertAndSendToUser(send.sender().getName(), REPLAY_QUEUE, duplicate.message());
		}
		else if (outcome instanceof Failed failed) {
			this.errors.send(send.sender(), new ClientError(failed.code(), failed.reason(), send.clientId()));
		}
	}

}
