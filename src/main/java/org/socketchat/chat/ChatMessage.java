package org.socketchat.chat;

import java.time.Instant;

/**
 * A stored message, as broadcast on {@code /topic/chat} and served by
 * {@code GET /api/messages}.
 *
 * @param id database id; ids only grow, so a client resumes from the last one it saw
 * @param clientId the sender's idempotency key, or {@code null}
 */
record ChatMessage(long id, String username, String content, String clientId, Instant createdAt) {
}
