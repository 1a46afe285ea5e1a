package org.socketchat.presence;

import org.socketchat.messaging.ChatPrincipal;

import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Controller;

/** Tells a room who is typing; the limits already dropped the signals that came too often. */
@Controller
class TypingRelay {

	@MessageMapping("/rooms/{room}/typing")
	@SendTo("/topic/rooms.{room}.typing")
	TypingNotice typing(ChatPrincipal sender) {
		return new TypingNotice(sender.username());
	}

}
