package org.socketchat.limits;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketchat.ChatAppTest;
import org.socketchat.ChatClient;
import org.socketchat.RawStompSocket;
import org.socketchat.RawStompSocket.Closed;
import org.socketchat.TestChatServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.CHAT;
import static org.socketchat.ChatClient.ERRORS;

/** One client, or one address, takes only its share; the others do not notice it. */
@ChatAppTest
@TestPropertySource(properties = { "chat.limits.messages-per-second=2", "chat.limits.message-burst=3",
		"chat.limits.sessions-per-address=3", "chat.limits.rest-requests-per-second=3",
		"chat.limits.connect-timeout=1s", "chat.limits.idle-timeout=2s" })
class LimitsIntegrationTests {

	private static final long TEN_SECONDS = Duration.ofSeconds(10).toNanos();

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	TestChatServer server;

	final List<ChatClient> clients = new ArrayList<>();

	@BeforeEach
	void nobodyIsConnected() {
		this.server = TestChatServer.of(this.context);
		this.server.awaitConnected(0);
	}

	@AfterEach
	void disconnect() {
		this.clients.forEach(ChatClient::close);
	}

	@Test
	void sendsOverTheBurstAreRefusedWithTheirClientIdAndWhenToRetry() throws InterruptedException {
		ChatClient alice = connect("alice");
		for (int i = 0; i < 5; i++) {
			alice.send("burst " + i, "burst-" + i);
		}

		List<String> stored = List.of(alice.next(CHAT), alice.next(CHAT), alice.next(CHAT))
			.stream()
			.map((message) -> message.get("clientId").asString())
			.toList();
		assertThat(stored).containsExactly("burst-0", "burst-1", "burst-2");
		JsonNode limited = alice.next(ERRORS);
		assertThat(limited.get("code").asString()).isEqualTo("RATE_LIMITED");
		assertThat(limited.get("clientId").asString()).isEqualTo("burst-3");
		assertThat(limited.get("retryAfterMs").asLong()).isBetween(1L, 501L);
		assertThat(limited.get("destination").asString()).isEqualTo("/app/chat");
		assertThat(alice.next(ERRORS).get("clientId").asString()).isEqualTo("burst-4");

		ChatClient bob = connect("bob");
		bob.send("bob has his own bucket", "bob-1");
		assertThat(bob.next(CHAT).get("clientId").asString()).isEqualTo("bob-1");

		assertThat(alice.next(CHAT).get("clientId").asString()).isEqualTo("bob-1");
		Thread.sleep(limited.get("retryAfterMs").asLong());
		alice.send("burst 3", "burst-3");
		assertThat(alice.next(CHAT).get("clientId").asString()).isEqualTo("burst-3");
	}

	/** A refused snapshot names its destination: a client in several rooms knows which to ask again. */
	@Test
	void presenceSnapshotsCountAgainstTheSameBucket() {
		try (RawStompSocket raw = this.server.openRaw()) {
			assertThat(raw.connect("mallory", "0,0")).startsWith("CONNECTED");
			raw.send("SUBSCRIBE", "", "id:errors", "destination:/user/queue/errors");
			for (int i = 0; i < 3; i++) {
				raw.send("SUBSCRIBE", "", "id:p" + i, "destination:/app/presence");
			}
			raw.send("SUBSCRIBE", "", "id:r1", "destination:/app/rooms/music/presence");
			raw.send("SUBSCRIBE", "", "id:r2", "destination:/app/rooms/books/presence");
			List<String> answers = List.of(raw.nextFrame(), raw.nextFrame(), raw.nextFrame(), raw.nextFrame(),
					raw.nextFrame());
			assertThat(answers).filteredOn((frame) -> frame.contains("\"online\"")).hasSize(3);
			assertThat(answers).filteredOn((frame) -> frame.contains("\"code\":\"RATE_LIMITED\""))
				.satisfiesExactly((music) -> assertThat(music).contains("\"destination\":\"/app/rooms/music/presence\""),
						(books) -> assertThat(books).contains("\"destination\":\"/app/rooms/books/presence\""));
		}
	}

	@Test
	void aFloodingSessionStoresOnlyItsShareWhileAQuietOneIsServed() {
		ChatClient mallory = connect("mallory");
		ChatClient alice = connect("alice");
		int before = rows("mallory");
		long started = System.nanoTime();
		for (int i = 0; i < 1_000; i++) {
			mallory.send("flood " + i, null);
			if (i == 100) {
				alice.send("still here", null);
			}
		}
		// Mallory's few stored messages may come first; each next() is bounded in time.
		while (!alice.next(CHAT).get("username").asString().equals("alice")) {
			assertThat(System.nanoTime() - started).as("alice is served in time").isLessThan(TEN_SECONDS);
		}
		long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;
		assertThat(rows("mallory") - before).as("mallory's rows: the burst and the rate")
			.isLessThanOrEqualTo(3 + 2 * (int) seconds);
	}

	@Test
	void aFourthSessionFromOneAddressIsClosedAsTryAgainLater() {
		List<ChatClient> three = List.of(connect("one"), connect("two"), connect("three"));
		try (RawStompSocket fourth = this.server.openRaw()) {
			Closed closed = fourth.awaitClosed(Duration.ofSeconds(5));
			assertThat(closed.status()).isEqualTo(1013);
			assertThat(closed.reason()).contains("too many connections from your address");
		}
		three.forEach((client) -> assertThat(client.isConnected()).isTrue());

		three.get(0).close();
		this.server.awaitConnected(2);
		ChatClient again = connect("again");
		again.send("room again", null);
		assertThat(again.next(CHAT).get("content").asString()).isEqualTo("room again");
	}

	@Test
	void aConnectionThatNeverSendsConnectIsClosed() {
		try (RawStompSocket silent = this.server.openRaw()) {
			Closed closed = silent.awaitClosed(Duration.ofSeconds(5));
			assertThat(closed.status()).isEqualTo(1008);
			assertThat(closed.reason()).contains("no CONNECT within 1 s");
		}
	}

	@Test
	void aSessionWithoutHeartBeatsIsClosedWhenSilentButNotWhileItTalks() throws InterruptedException {
		try (RawStompSocket silent = this.server.openRaw(); RawStompSocket talking = this.server.openRaw()) {
			assertThat(silent.connect("silent", "0,0")).startsWith("CONNECTED");
			assertThat(talking.connect("talking", "0,0")).startsWith("CONNECTED");
			long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
			while (System.nanoTime() < deadline && silent.isOpen()) {
				talking.beat();
				Thread.sleep(250);
			}
			Closed closed = silent.awaitClosed(Duration.ofSeconds(1));
			assertThat(closed.status()).isEqualTo(1008);
			assertThat(closed.reason()).contains("no heart-beats");
			Thread.sleep(1000);
			assertThat(talking.isOpen()).as("a session that sends is not idle").isTrue();
		}
	}

	@Test
	void heartBeatsSlowerThanTheIdleTimeoutCountAsNone() {
		try (RawStompSocket lazy = this.server.openRaw()) {
			assertThat(lazy.connect("lazy", "2147483647,0")).startsWith("CONNECTED");
			assertThat(lazy.awaitClosed(Duration.ofSeconds(5)).reason()).contains("no heart-beats");
		}
	}

	@Test
	void aSessionWithHeartBeatsIsLeftToTheBrokersHeartBeatCheck() throws InterruptedException {
		try (RawStompSocket beating = this.server.openRaw()) {
			// Within the idle timeout (2 s here): the broker checks such a session, not the sweep.
			assertThat(beating.connect("beating", "1000,0")).startsWith("CONNECTED");
			Thread.sleep(3500);
			assertThat(beating.isOpen()).isTrue();
		}
	}

	@Test
	void theBacklogAnswersTooManyRequestsWithRetryAfterAndAProblem() {
		List<Integer> statuses = new ArrayList<>();
		HttpResponse<String> refused = null;
		for (int i = 0; i < 6 && refused == null; i++) {
			HttpResponse<String> response = this.server.get("/api/messages?limit=1");
			statuses.add(response.statusCode());
			refused = (response.statusCode() == 429) ? response : null;
		}
		assertThat(statuses).startsWith(200, 200, 200).endsWith(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(refused.body());
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("detail").asString()).contains("too many requests");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/messages");

		for (int i = 0; i < 6; i++) {
			assertThat(this.server.get("/").statusCode()).as("the page is not the API").isEqualTo(200);
		}
	}

	private ChatClient connect(String username) {
		ChatClient client = this.server.connect(username);
		this.clients.add(client);
		return client;
	}

	private int rows(String username) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM messages WHERE username = ?", Integer.class, username);
	}

}
