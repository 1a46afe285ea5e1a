package org.socketchat.chat;

import jakarta.validation.Valid;
import org.socketchat.chat.MessageRepository.Draft;
import org.socketchat.chat.MessageRepository.Saved;
import org.socketchat.chat.MessageWriter.Callback;
import org.socketchat.messaging.ChatPrincipal;

import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Controller;

/** Receives chat frames, has them stored, and broadcasts what was stored. */
@Controller
class ChatController {

	static final String TOPIC = "/topic/chat";

	/** Where a retried send gets its already-stored copy: the others have seen it. */
	static final String REPLAY_QUEUE = "/queue/chat";

	private final MessageWriter writer;

	private final SimpMessagingTemplate messaging;

	private final ChatErrorHandler errors;

	ChatController(MessageWriter writer, SimpMessagingTemplate messaging, ChatErrorHandler errors) {
		this.writer = writer;
		this.messaging = messaging;
		this.errors = errors;
	}

	/** Returns at once: the reply follows when the message is stored (or is not). */
	@MessageMapping("/chat")
	void send(@Valid @Payload NewMessage message, ChatPrincipal sender) {
		this.writer.write(new Draft(sender.username(), message.content(), message.clientId()), new Callback() {

			@Override
			public void stored(Saved saved) {
				if (saved.created()) {
					ChatController.this.messaging.convertAndSend(TOPIC, saved.message());
				}
				else {
					ChatController.this.messaging.convertAndSendToUser(sender.getName(), REPLAY_QUEUE, saved.message());
				}
			}

			@Override
			public void failed(Exception reason) {
				ChatController.this.errors.notStored(sender, message.clientId(), reason);
			}

		});
	}

}
