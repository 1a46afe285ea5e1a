package org.socketchat.chat;

import jakarta.validation.Valid;
import org.socketchat.messaging.ChatPrincipal;
import org.socketchat.messaging.Rooms;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Controller;

/** Receives chat frames and hands them to the writer, which has each one answered. */
@Controller
class ChatController {

	private final MessageWriter writer;

	ChatController(MessageWriter writer) {
		this.writer = writer;
	}

	/** Returns at once: the answer follows when the message is stored (or is not). */
	@MessageMapping("/chat")
	void send(@Valid @Payload NewMessage message, ChatPrincipal sender) {
		sendToRoom(Rooms.DEFAULT, message, sender);
	}

	/** The destination guard let only a valid room name through. */
	@MessageMapping("/rooms/{room}/chat")
	void sendToRoom(@DestinationVariable String room, @Valid @Payload NewMessage message, ChatPrincipal sender) {
		this.writer.write(new Send(sender, room, message.content(), message.clientId()));
	}

}
