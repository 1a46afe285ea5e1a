package org.socketchat.chat;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The backlog a (re)connecting client reads to catch up without a gap or a duplicate. */
@RestController
class MessageHistoryController {

	private final MessageRepository repository;

	MessageHistoryController(MessageRepository repository) {
		this.repository = repository;
	}

	/**
	 * @param since the last id the client has; absent for a first page of the newest
	 * @param limit page size; a full page means there may be more after its last id
	 */
	@GetMapping("/api/messages")
	List<ChatMessage> messages(@RequestParam(required = false) @PositiveOrZero Long since,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
		return (since != null) ? this.repository.findSince(since, limit) : this.repository.findLatest(limit);
	}

}
