package org.socketchat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The page and everything it loads come from the jar itself, no CDN. */
@ChatAppTest
class PageIntegrationTests {

	@Autowired
	ApplicationContext context;

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/                                       | <title>socket-chat</title>
			/chat.js                                | /user/queue/chat
			/rooms.js                               | /app/chat
			/chat.css                               | .history-edge
			/connection.js                          | new SockJS(
			/timeline.js                            | textContent
			/favicon.svg                            | <svg
			/webjars/sockjs-client/sockjs.min.js    | SockJS
			/webjars/stomp-websocket/stomp.min.js   | Stomp
			/actuator/health                        | "db":{"status":"UP"}
			""")
	void isServed(String path, String content) {
		var response = TestChatServer.of(this.context).get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains(content);
	}

}
