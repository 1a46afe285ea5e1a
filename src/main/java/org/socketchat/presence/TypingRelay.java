package org.socketchat.presence;

import org.socketchat.messaging.ChatPrincipal;
import org.socketchat.messaging.Rooms;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Controller;

/**
 * Tells a room who is typing. The guard let only sessions in the room through, and the
 * limits dropped the signals that came too often.
 */
@Controller
class TypingRelay {

	private final SimpMessagingTemplate messaging;

	TypingRelay(SimpMessagingTemplate messaging) {
		this.messaging = messaging;
	}

	@MessageMapping("/rooms/{room}/typing")
	void typing(@DestinationVariable String room, ChatPrincipal sender) {
		this.messaging.convertAndSend(Rooms.typingTopic(room), new TypingNotice(sender.username()));
	}

}
