package org.socketchat.chat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.socketchat.ChatAppTest;
import org.socketchat.TestChatServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@ChatAppTest
class MessageHistoryIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void withoutALimitAPageHoldsOneHundredMessages() {
		long first = insert(150).get(0);
		TestChatServer server = TestChatServer.of(this.context);

		JsonNode newest = JsonMapper.shared().readTree(server.get("/api/messages").body());
		JsonNode since = JsonMapper.shared().readTree(server.get("/api/messages?since=" + (first - 1)).body());

		long last = this.jdbc.queryForObject("SELECT MAX(id) FROM messages", Long.class);
		assertThat(newest).hasSize(100);
		assertThat(newest.get(99).get("id").asLong()).isEqualTo(last);
		assertThat(since).hasSize(100);
		assertThat(since.get(0).get("id").asLong()).isEqualTo(first);
		assertThat(since.get(99).get("id").asLong()).isEqualTo(first + 99);
	}

	private List<Long> insert(int count) {
		IntStream.range(0, count)
			.forEach((i) -> this.jdbc.update(
					"INSERT INTO messages (username, content, client_id, created_at) VALUES ('seed', ?, NULL, 0)",
					"m" + i));
		return this.jdbc.queryForList("SELECT id FROM messages WHERE username = 'seed' ORDER BY id", Long.class);
	}

}
