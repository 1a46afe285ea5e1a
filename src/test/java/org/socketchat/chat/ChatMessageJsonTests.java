package org.socketchat.chat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ChatMessageJsonTests {

	@Test
	void createdAtAlwaysHasThreeFractionDigitsInUtc() {
		assertThat(createdAt(Instant.parse("2026-11-22T16:20:31Z"))).isEqualTo("2026-11-22T16:20:31.000Z");
		assertThat(createdAt(Instant.parse("2026-11-22T16:20:31.5Z"))).isEqualTo("2026-11-22T16:20:31.500Z");
		assertThat(createdAt(Instant.parse("2026-11-22T16:20:31.123Z"))).isEqualTo("2026-11-22T16:20:31.123Z");
	}

	private static String createdAt(Instant instant) {
		return JsonMapper.shared()
			.valueToTree(new ChatMessage(1, "general", "alice", "hi", null, instant))
			.get("createdAt")
			.asString();
	}

}
