package org.socketchat.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketchat.ChatAppTest;
import org.socketchat.ChatClient;
import org.socketchat.TestChatServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.socketchat.ChatClient.CHAT;
import static org.socketchat.ChatClient.ERRORS;

/** What an operator sees of real traffic: the request log, the session log and the meters. */
@ChatAppTest
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Test
	void everyRequestIsOneLineWithoutItsQueryString(CapturedOutput output) {
		TestChatServer server = TestChatServer.of(this.context);
		server.get("/api/messages?since=0&limit=5&token=secret-in-query");
		server.get("/api/messages?limit=0");
		server.get("/chat.js");
		try (ChatClient alice = server.connect("alice")) {
			awaitLine(output, "GET /ws 101 ");
		}

		awaitLine(output, "socketchat.access");
		assertThat(output.getOut()).containsPattern("GET /api/messages 200 \\d+ ms \\d+ B 127\\.0\\.0\\.1")
			.containsPattern("GET /api/messages 400 \\d+ ms \\d+ B 127\\.0\\.0\\.1")
			.containsPattern("GET /chat\\.js 200 \\d+ ms \\d+ B 127\\.0\\.0\\.1")
			.doesNotContain("secret-in-query");
	}

	@Test
	void aSessionIsLoggedWhenItConnectsAndWhenItCloses(CapturedOutput output) {
		TestChatServer server = TestChatServer.of(this.context);
		String id;
		try (ChatClient alice = server.connect("alice")) {
			id = alice.principalName();
			alice.send("hello", null);
			alice.next(CHAT);
			awaitLine(output, "Session connected: id=" + id + " username=alice transport=websocket remote=127.0.0.1");
		}
		awaitLine(output, "Session closed: id=" + id + " username=alice transport=websocket remote=127.0.0.1, ");
		assertThat(output.getOut()).containsPattern("Session closed: id=" + id
				+ " .*, \\d+ ms, messages in [1-9]\\d* out [1-9]\\d*, close \\d{4}");
	}

	@Test
	void theMetersMoveWithRealTraffic() {
		TestChatServer server = TestChatServer.of(this.context);
		Prometheus before = Prometheus.scrape(server);
		try (ChatClient alice = server.connect("alice")) {
			alice.send("counted", null);
			alice.next(CHAT);
			alice.sendTo("/topic/chat", "{}");
			alice.next(ERRORS);
			alice.sendRaw("{broken");
			alice.next(ERRORS);

			Prometheus after = Prometheus.scrape(server);
			assertThat(after.value("chat_messages_stored_total")).isEqualTo(before.value("chat_messages_stored_total") + 1);
			assertThat(after.value("chat_messages_rejected_total{code=\"FORBIDDEN\"}"))
				.isEqualTo(before.valueOrZero("chat_messages_rejected_total{code=\"FORBIDDEN\"}") + 1);
			assertThat(after.value("chat_messages_rejected_total{code=\"MALFORMED_FRAME\"}"))
				.isEqualTo(before.valueOrZero("chat_messages_rejected_total{code=\"MALFORMED_FRAME\"}") + 1);
			assertThat(after.value("chat_store_latency_seconds_count"))
				.isEqualTo(before.value("chat_store_latency_seconds_count") + 1);
			assertThat(after.value("chat_broadcast_lag_seconds_count"))
				.isEqualTo(before.value("chat_broadcast_lag_seconds_count") + 1);
			assertThat(after.text()).contains("chat_store_latency_seconds_bucket{le=");
			assertThat(after.value("chat_sessions{transport=\"websocket\"}")).isGreaterThanOrEqualTo(1);
			assertThat(after.value("chat_sessions{transport=\"sockjs\"}")).isGreaterThanOrEqualTo(0);
			assertThat(after.value("chat_writer_queue")).isGreaterThanOrEqualTo(0);
			assertThat(after.value("websocket_sessions{transport=\"websocket\"}")).isGreaterThanOrEqualTo(1);
			assertThat(after.value("websocket_sessions_events_total{kind=\"opened\"}"))
				.isGreaterThan(before.value("websocket_sessions_events_total{kind=\"opened\"}"));
			assertThat(after.value("websocket_stomp_frames_total{command=\"connect\"}"))
				.isGreaterThan(before.value("websocket_stomp_frames_total{command=\"connect\"}"));
			assertThat(after.text()).contains("jvm_memory_used_bytes", "jetty_threads_busy",
					"hikaricp_connections_active", "http_server_requests_seconds");
		}
	}

	@Test
	void livenessAndReadinessProbesAnswer() {
		TestChatServer server = TestChatServer.of(this.context);
		HttpResponse<String> liveness = server.get("/actuator/health/liveness");
		HttpResponse<String> readiness = server.get("/actuator/health/readiness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).contains("\"writer\":{\"status\":\"UP\"}").contains("\"livenessState\"");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"db\":{\"status\":\"UP\"").contains("\"readinessState\"");
	}

	/** Behind a proxy that says whom it forwards for, as docs/DEPLOYMENT.md sets nginx up. */
	@Nested
	@TestPropertySource(properties = "server.forward-headers-strategy=native")
	class BehindAProxy {

		@Autowired
		ApplicationContext context;

		@Test
		void theRequestLogShowsTheClientsAddress(CapturedOutput output) throws Exception {
			TestChatServer server = TestChatServer.of(this.context);
			HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/api/messages")))
				.header("X-Forwarded-For", "203.0.113.7")
				.build();
			assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode())
				.isEqualTo(200);
			// Not any request line: one of another request (a probe) may be there already.
			awaitLine(output, "GET /api/messages 200");
			assertThat(output.getOut()).containsPattern("GET /api/messages 200 \\d+ ms \\d+ B 203\\.0\\.113\\.7");
		}

	}

	private static void awaitLine(CapturedOutput output, String text) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!output.getOut().contains(text)) {
			if (System.nanoTime() > deadline) {
				fail("no log line with '" + text + "' within 10 s");
			}
			Thread.onSpinWait();
		}
	}

}
