package org.socketchat.chat;

import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socketchat.ChatAppTest;
import org.socketchat.TestChatServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Every invalid backlog or room query gets an RFC 9457 problem that names the parameter. */
@ChatAppTest
class MessageHistoryProblemTests {

	@Autowired
	ApplicationContext context;

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			since=abc          | since
			since=-1           | since
			since=1.5          | since
			limit=0            | limit
			limit=501          | limit
			limit=-3           | limit
			limit=ten          | limit
			since=1&limit=9999 | limit
			since=0x10         | since
			since=%2310        | since
			since=%2B5         | since
			since=%205         | since
			since=%D9%A3       | since
			limit=0x10         | limit
			before=0           | before
			before=-5          | before
			before=x           | before
			since=1&before=9   | since
			since=1&before=9   | before
			""")
	void anInvalidParameterIsAProblem(String query, String parameter) {
		HttpResponse<String> response = TestChatServer.of(this.context).get("/api/messages?" + query);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.get("detail").asString()).contains(parameter);
		assertThat(problem.get("instance").asString()).isEqualTo("/api/messages");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/api/rooms/Music/messages                             | room must be 1-32 characters of a-z, 0-9 and -
			/api/rooms/a_b/messages                               | room must be
			/api/rooms/%C3%A9t%C3%A9/messages                     | room must be
			/api/rooms/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/messages | room must be
			/api/rooms/music/messages?limit=0                     | limit
			/api/rooms/music/messages?since=1&before=2            | before
			/api/rooms/music/messages?before=0                    | before
			/api/rooms?limit=501                                  | limit
			/api/rooms?limit=x                                    | limit
			""")
	void anInvalidRoomOrParameterIsAProblem(String uri, String detail) {
		HttpResponse<String> response = TestChatServer.of(this.context).get(uri);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.get("detail").asString()).contains(detail);
		assertThat(problem.get("instance").asString()).isEqualTo(uri.replaceFirst("\\?.*", ""));
	}

}
