package org.socketchat.chat;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.socketchat.messaging.Rooms;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The backlog of a room: what a (re)connecting client reads to catch up, and scrolling back. */
@RestController
class MessageHistoryController {

	private final MessageRepository repository;

	MessageHistoryController(MessageRepository repository) {
		this.repository = repository;
	}

	/** The default room's, as before there were rooms. */
	@GetMapping("/api/messages")
	List<ChatMessage> messages(@RequestParam(required = false) @PositiveOrZero Long since,
			@RequestParam(required = false) @Positive Long before,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
		return roomMessages(Rooms.DEFAULT, since, before, limit);
	}

	/**
	 * @param since the last id the client has; absent for a first page of the newest
	 * @param before the oldest id the client has, to scroll back from; not with since
	 * @param limit page size; a full page means there may be more after its last id
	 * (before its first, scrolling back)
	 */
	@GetMapping("/api/rooms/{room}/messages")
	List<ChatMessage> roomMessages(@PathVariable @Pattern(regexp = Rooms.NAME, message = Rooms.NAME_RULE) String room,
			@RequestParam(required = false) @PositiveOrZero Long since,
			@RequestParam(required = false) @Positive Long before,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
		if (since != null && before != null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"give since (to catch up) or before (to scroll back), not both");
		}
		if (before != null) {
			return this.repository.findBefore(room, before, limit);
		}
		return (since != null) ? this.repository.findSince(room, since, limit)
				: this.repository.findLatest(room, limit);
	}

}
