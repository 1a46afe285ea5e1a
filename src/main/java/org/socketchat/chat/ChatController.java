package org.socketchat.chat;

import jakarta.validation.Valid;
import org.socketchat.chat.MessageRepository.Saved;
import org.socketchat.messaging.ChatPrincipal;

import org.springframework.dao.DataAccessException;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Controller;

/** Receives chat frames, stores them, and broadcasts what was stored. */
@Controller
class ChatController {

	static final String TOPIC = "/topic/chat";

	/** Where a retried send gets its already-stored copy: the others have seen it. */
	static final String REPLAY_QUEUE = "/queue/chat";

	private final MessageRepository repository;

	private final SimpMessagingTemplate messaging;

	ChatController(MessageRepository repository, SimpMessagingTemplate messaging) {
		this.repository = repository;
		this.messaging = messaging;
	}

	@MessageMapping("/chat")
	void send(@Valid @Payload NewMessage message, ChatPrincipal sender) {
		Saved saved = store(message, sender);
		if (saved.created()) {
			this.messaging.convertAndSend(TOPIC, saved.message());
		}
		else {
			this.messaging.convertAndSendToUser(sender.getName(), REPLAY_QUEUE, saved.message());
		}
	}

	private Saved store(NewMessage message, ChatPrincipal sender) {
		try {
			return this.repository.save(sender.username(), message.content(), message.clientId());
		}
		catch (DataAccessException ex) {
			throw new MessageNotStoredException(message.clientId(), ex);
		}
	}

}
