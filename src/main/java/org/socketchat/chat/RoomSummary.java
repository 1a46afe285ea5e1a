package org.socketchat.chat;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A room as {@code GET /api/rooms} lists it.
 *
 * @param lastActivity when its newest message was stored; {@code null} before the first
 * @param present sessions in it now
 */
record RoomSummary(String name, long messageCount,
		@JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSX", timezone = "UTC") Instant lastActivity, int present) {
}
