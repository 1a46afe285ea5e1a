package org.socketchat.chat;

import jakarta.validation.constraints.NotBlank;

/**
 * The body of a SEND to {@code /app/chat}.
 *
 * @param content the text, trimmed here so the limits apply to what is stored
 * @param clientId optional client-made key that makes a retried send safe; a blank one
 * is no key at all, so it never matches another send
 */
record NewMessage(@NotBlank @WithinContentLimit String content, @MaxCharacters(64) String clientId) {

	NewMessage {
		content = (content != null) ? content.strip() : null;
		clientId = (clientId != null && !clientId.isBlank()) ? clientId : null;
	}

}
