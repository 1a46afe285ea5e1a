package org.socketchat.chat;

import org.socketchat.messaging.ChatPrincipal;

/** One chat frame that passed validation, with the session that sent it. */
record Send(ChatPrincipal sender, String content, String clientId) {
}
