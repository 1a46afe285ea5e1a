package org.socketchat.chat;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A stored message, as broadcast on its room's topic and served by its room's backlog.
 *
 * @param id database id, one sequence for all rooms; ids only grow, so a client resumes
 * from the last one it saw
 * @param clientId the sender's idempotency key, or {@code null}
 * @param createdAt always with three fraction digits, so clients can parse one fixed form
 */
record ChatMessage(long id, String room, String username, String content, String clientId,
		@JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSX", timezone = "UTC") Instant createdAt) {
}
