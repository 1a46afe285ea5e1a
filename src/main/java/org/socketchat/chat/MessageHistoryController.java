package org.socketchat.chat;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The backlog a (re)connecting client reads to catch up without a gap or a duplicate. */
@RestController
class MessageHistoryController {

	private final MessageRepository repository;

	MessageHistoryController(MessageRepository repository) {
		this.repository = repository;
	}

	/**
	 * @param since the last id the client has; absent for a first page of the newest
	 * @param before the oldest id the client has, to scroll back from; not with since
	 * @param limit page size; a full page means there may be more after its last id
	 * (before its first, scrolling back)
	 */
	@GetMapping("/api/messages")
	List<ChatMessage> messages(@RequestParam(required = false) @PositiveOrZero Long since,
			@RequestParam(required = false) @Positive Long before,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
		if (since != null && before != null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"give since (to catch up) or before (to scroll back), not both");
		}
		if (before != null) {
			return this.repository.findBefore(before, limit);
		}
		return (since != null) ? this.repository.findSince(since, limit) : this.repository.findLatest(limit);
	}

}
