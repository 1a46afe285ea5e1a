package org.socketchat.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.socketchat.ChatClient;
import org.socketchat.TemporaryDatabase;
import org.socketchat.TestChatServer;
import org.socketchat.web.ChatPage.Shown;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.CHAT;

/**
 * The page in Chromium against what it cannot control: a script injected into it, a body
 * of someone else's making on a destination it reads, a server that asks it to slow down
 * ({@code RATE_LIMITED} on {@code /user/queue/errors}, a backlog read answered {@code 429}).
 * This server never limits, so the tests play its part: the broker delivers the error, a
 * stand-in for {@code fetch} the 429.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class PageDefencesBrowserTests {

	/** How long nothing more may happen before "not shown" is believed. */
	private static final Duration QUIET = Duration.ofMillis(800);

	private static final String RATE_LIMITED = """
			{"code": "RATE_LIMITED", "message": "too many messages, slow down", "clientId": "%s", "retryAfterMs": %d}""";

	// The first backlog read is answered 429 with Retry-After: 1; the page's states are noted.
	private static final String BACKLOG_SAYS_WAIT = """
			const fetchForReal = window.fetch;
			window.socketChatTestBacklogReads = [];
			window.fetch = (url, options) => {
			  if (String(url).startsWith('/api/messages') && window.socketChatTestBacklogReads.push(Date.now()) === 1) {
			    const problem = { type: 'about:blank', title: 'Too Many Requests', status: 429, instance: '/api/messages' };
			    return Promise.resolve(new Response(JSON.stringify(problem),
			      { status: 429, headers: { 'Retry-After': '1', 'Content-Type': 'application/problem+json' } }));
			  }
			  return fetchForReal(url, options);
			};
			window.socketChatTestStates = [];
			document.addEventListener('DOMContentLoaded', () => {
			  const status = document.getElementById('status');
			  new MutationObserver(() => window.socketChatTestStates.push(status.dataset.state))
			    .observe(status, { attributeFilter: ['data-state'] });
			});""";

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TemporaryDatabase.register(registry);
	}

	@Autowired
	ApplicationContext context;

	TestChatServer server;

	Broker broker;

	@BeforeEach
	void nobodyIsOnline() {
		this.server = TestChatServer.of(this.context);
		this.broker = Broker.of(this.context);
		// Presence counts start from zero, and each name is one session's.
		this.server.awaitConnected(0);
	}

	@Test
	void aScriptInjectedIntoThePageDoesNotRunAndIsReported() {
		ChatPage alice = join("alice");
		assertThat(alice.transport()).isEqualTo("websocket");
		assertThat(alice.problems()).as("the page itself keeps to its policy").isEmpty();

		alice.driver().executeScript("""
				const script = document.createElement('script');
				script.textContent = 'window.injectedScriptRan = true;';
				document.body.append(script);""");

		assertThat(alice.driver().executeScript("return window.injectedScriptRan === true;")).isEqualTo(false);
		assertThat(alice.problems()).singleElement().asString().startsWith("blocked by script-src-elem: inline");
	}

	@Test
	void bodiesOfTheWrongShapeAreNeitherShownNorThrownOn() throws InterruptedException {
		ChatPage bob = join("bob");
		JsonNode stored = this.server.messagesSince(0);
		long next = stored.isEmpty() ? 1 : stored.get(stored.size() - 1).get("id").asLong() + 1;
		String message = """
				{"id": %d, "room": "general", "username": "mallory", "content": "hostile", "clientId": null, "createdAt": "2026-11-22T16:20:31Z"}"""
			.formatted(next);
		List<String> chat = List.of("not json", "null", "[]", "\"hostile\"", "{\"username\": 12345}",
				with(message, "id", "\"" + next + "\""), with(message, "id", "0"), with(message, "id", "1.5"),
				with(message, "id", "9007199254740993"), with(message, "username", "null"),
				with(message, "content", "[\"hostile\"]"), with(message, "clientId", "7"),
				with(message, "createdAt", "\"yesterday\""), with(message, "createdAt", "null"), with(message, "room", "null"),
				with(message, "room", "\"General\""), with(message, "room", "\"music\""));
		String notice = """
				{"type": "JOINED", "username": "hostile", "online": 3}""";
		List<String> presence = List.of("not json", "{\"type\": \"JOINED\", \"username\": null, \"online\": \"x\"}",
				with(notice, "type", "\"EXPLODED\""), with(notice, "online", "-1"), with(notice, "username", "5"));
		String error = """
				{"code": "NOT_STORED", "message": "hostile", "clientId": null}""";
		List<String> errors = List.of("not json", with(error, "code", "5"), with(error, "message", "{}"),
				with(error, "clientId", "[]"), with(error, "retryAfterMs", "\"soon\""),
				with(error, "destination", "false"));

		chat.forEach((body) -> this.broker.publish("/topic/chat", body));
		chat.forEach((body) -> this.broker.publishToSession("bob", "/queue/chat", body));
		presence.forEach((body) -> this.broker.publish("/topic/presence", body));
		presence.forEach((body) -> this.broker.publish("/topic/rooms.general.presence", body));
		List.of("not json", "null", "[]", "{\"username\": 5}", "{\"username\": null}")
			.forEach((body) -> this.broker.publish("/topic/rooms.general.typing", body));
		errors.forEach((body) -> this.broker.publishToSession("bob", "/queue/errors", body));
		try (ChatClient carol = this.server.connect("carol")) {
			// A session gets what the broker publishes in order: once this shows, all the above came.
			carol.send("The real message", null);
			assertThat(carol.next(CHAT).get("id").asLong()).isEqualTo(next);
			bob.awaitMessage("The real message");
			Thread.sleep(QUIET.toMillis());

			assertThat(bob.problems()).isEmpty();
			assertThat(bob.messages()).noneMatch((shown) -> shown.author().equals("mallory"))
				.last()
				.isEqualTo(new Shown(next, "carol", "The real message", false, "", ""));
			assertThat(bob.notices()).containsExactly("carol joined");
			assertThat(bob.online()).isEqualTo(2);
			assertThat(bob.announced()).doesNotContain("hostile");
			assertThat(bob.typing()).isEmpty();
			assertThat(bob.members()).containsExactly("bob", "carol");
			assertThat(bob.state()).isEqualTo("live");
		}
	}

	@Test
	void aSendRefusedAsTooFastIsSentAgainByItselfWhenTheServerSays() {
		ChatPage alice = join("alice");
		String text = "Typed faster than the server allows";
		String clientId = alice.sendLosing(text, 1);
		alice.awaitSendsLeftToLose(0);

		this.broker.publishToSession("alice", "/queue/errors", RATE_LIMITED.formatted(clientId, 500));
		Shown stored = alice.awaitMessage(text,
				() -> assertThat(alice.outbox()).as("sending, never failed").allMatch((shown) -> shown.problem().isEmpty()));

		assertThat(stored.own()).isTrue();
		assertThat(alice.outbox()).isEmpty();
		assertThat(this.server.messagesSince(stored.id() - 1).get(0).get("clientId").asString()).isEqualTo(clientId);
		assertThat(alice.problems()).isEmpty();
	}

	/** Opening rooms quickly asks for their snapshots quickly: one refused is no message of the reader's. */
	@Test
	void aSnapshotRefusedAsTooFastIsAskedForAgainWithoutANotice() throws InterruptedException {
		ChatPage alice = join("alice");
		alice.awaitMembers("alice");

		this.broker.publishToSession("alice", "/queue/errors", """
				{"code": "RATE_LIMITED", "message": "too many messages, slow down", "clientId": null,
				 "destination": "/app/rooms/general/presence", "retryAfterMs": 200}""");
		Thread.sleep(QUIET.toMillis());

		assertThat(alice.notices()).noneMatch((notice) -> notice.startsWith("Not sent"));
		alice.awaitMembers("alice");
		assertThat(alice.problems()).isEmpty();
	}

	@Test
	void aSendStillRefusedAsTooFastAfterAFewTriesShowsItFailedAndCanBeRetried() {
		ChatPage bob = join("bob");
		String text = "Refused again and again";
		String clientId = bob.sendLosing(text, 4);

		for (int tries = 1; tries <= 4; tries++) {
			bob.awaitSendsLeftToLose(4 - tries);
			this.broker.publishToSession("bob", "/queue/errors", RATE_LIMITED.formatted(clientId, 100));
		}
		Shown refused = bob.awaitRefused(text);

		assertThat(refused.problem()).isEqualTo("Too many messages, slow down");
		bob.onRefused(text, "Retry");
		assertThat(bob.awaitMessage(text).own()).isTrue();
		assertThat(bob.outbox()).isEmpty();
		assertThat(bob.problems()).isEmpty();
	}

	@Test
	void aBacklogReadAnswered429IsMadeAgainAfterRetryAfterWithoutDroppingTheConnection() {
		ChatPage carol = join("carol");
		carol.send("Said before dave came");
		carol.awaitMessage("Said before dave came");
		ChromeDriver window = chromium.open();
		window.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", BACKLOG_SAYS_WAIT));

		ChatPage dave = join(window, "dave");
		dave.awaitMessage("Said before dave came");

		@SuppressWarnings("unchecked")
		List<Long> reads = (List<Long>) window.executeScript("return window.socketChatTestBacklogReads;");
		assertThat(reads).hasSize(2);
		assertThat(reads.get(1) - reads.get(0)).as("waited as Retry-After said").isGreaterThanOrEqualTo(1000);
		assertThat(window.executeScript("return window.socketChatTestStates;")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.as("connected once, never lost")
			.containsExactly("connecting", "live");
		assertThat(dave.problems()).isEmpty();
	}

	private ChatPage join(String nickname) {
		return join(chromium.open(), nickname);
	}

	private ChatPage join(ChromeDriver window, String nickname) {
		return ChatPage.open(window, this.server.url("/")).join(nickname);
	}

	/** The JSON object with one field set to a raw JSON value, so any field can have any type. */
	private static String with(String json, String field, String value) {
		ObjectNode body = (ObjectNode) JsonMapper.shared().readTree(json);
		body.set(field, JsonMapper.shared().readTree(value));
		return body.toString();
	}

}
