package org.socketchat.chat;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of a SEND to {@code /app/chat}.
 *
 * @param content the text, trimmed here so the limits apply to what is stored
 * @param clientId optional client-made key that makes a retried send safe
 */
record NewMessage(@NotBlank @WithinContentLimit String content, @Size(max = 64) String clientId) {

	NewMessage {
		content = (content != null) ? content.strip() : null;
	}

}
