package org.socketchat.chat;

import org.socketchat.messaging.ChatPrincipal;

/**
 * One chat frame that passed validation, with the session that sent it and its room.
 *
 * @param receivedNanos {@link System#nanoTime()} when it was taken, for the store latency
 */
record Send(ChatPrincipal sender, String room, String content, String clientId, long receivedNanos) {

	Send(ChatPrincipal sender, String room, String content, String clientId) {
		this(sender, room, content, clientId, System.nanoTime());
	}

}
