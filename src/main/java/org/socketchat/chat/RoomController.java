package org.socketchat.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.socketchat.chat.MessageRepository.RoomActivity;
import org.socketchat.messaging.Rooms;
import org.socketchat.presence.RoomPresence;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The rooms there are: those with messages, the most recently active first, then those with only people. */
@RestController
class RoomController {

	private final MessageRepository repository;

	private final RoomPresence presence;

	RoomController(MessageRepository repository, RoomPresence presence) {
		this.repository = repository;
		this.presence = presence;
	}

	@GetMapping("/api/rooms")
	List<RoomSummary> rooms(@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
		Map<String, Integer> present = this.presence.presentByRoom();
		List<RoomSummary> rooms = new ArrayList<>();
		Set<String> listed = new HashSet<>();
		for (RoomActivity room : this.repository.findRoomsByActivity(limit)) {
			rooms.add(new RoomSummary(room.name(), room.messageCount(), room.lastMessageAt(),
					present.getOrDefault(room.name(), 0)));
			listed.add(room.name());
		}
		// Only a list that is not full has every room with messages: the others have none.
		Map<String, Integer> withoutMessages = new TreeMap<>(present);
		withoutMessages.putIfAbsent(Rooms.DEFAULT, 0);
		withoutMessages.forEach((name, people) -> {
			if (rooms.size() < limit && listed.add(name)) {
				rooms.add(new RoomSummary(name, 0, null, people));
			}
		});
		return rooms;
	}

}
