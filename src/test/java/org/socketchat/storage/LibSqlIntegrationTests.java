package org.socketchat.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socketchat.ChatClient;
import org.socketchat.LoopbackPorts;
import org.socketchat.SocketChatApplication;
import org.socketchat.TestChatServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.socketchat.ChatClient.CHAT;
import static org.socketchat.ChatClient.ERRORS;
import static org.socketchat.ChatClient.REPLAYS;

/** The libSQL path end to end, against a real sqld that checks signed tokens. */
@ExtendWith(OutputCaptureExtension.class)
class LibSqlIntegrationTests {

	@RegisterExtension
	static final SqldPerClass sqld = new SqldPerClass();

	@Test
	void chatIsStoredInSqldAndTheBacklogIsReadFromIt() {
		String longest = "x".repeat(1990) + "😀👩‍💻🇺🇦";
		try (ConfigurableApplicationContext app = start(sqld.server().url(), sqld.token)) {
			TestChatServer server = TestChatServer.of(app);
			try (ChatClient alice = server.connect("alice"); ChatClient bob = server.connect("bob")) {
				alice.send("hello from libSQL ✓", "libsql-1");
				JsonNode hello = bob.next(CHAT);
				alice.next(CHAT);
				bob.send(longest, "libsql-2");
				JsonNode longMessage = alice.next(CHAT);
				alice.send("hello again", "libsql-1");
				assertThat(alice.next(REPLAYS)).as("a retry is stored once").isEqualTo(hello);

				assertThat(longMessage.get("content").asString()).isEqualTo(longest);
				List<JsonNode> rows = sqld.server().query("SELECT id, username, content, client_id FROM messages ORDER BY id",
						sqld.token);
				assertThat(rows).hasSize(2);
				assertThat(rows.get(0).get(0).asLong()).isEqualTo(hello.get("id").asLong());
				assertThat(rows.get(0).get(2).asString()).isEqualTo("hello from libSQL ✓");
				assertThat(rows.get(0).get(3).asString()).isEqualTo("libsql-1");
				assertThat(rows.get(1).get(1).asString()).isEqualTo("bob");
				assertThat(rows.get(1).get(2).asString()).isEqualTo(longest);

				JsonNode backlog = JsonMapper.shared()
					.readTree(server.get("/api/messages?since=" + (hello.get("id").asLong() - 1)).body());
				assertThat(backlog.findValuesAsString("content")).containsExactly("hello from libSQL ✓", longest);
				assertThat(server.get("/actuator/health").body()).contains("\"db\":{\"status\":\"UP\"}")
					.doesNotContain(sqld.token);
				assertThat(server.get("/actuator/env").statusCode()).as("settings are not exposed").isEqualTo(404);
				assertThat(server.get("/actuator/configprops").statusCode()).isEqualTo(404);
			}
		}
	}

	@Test
	void sendsWithoutAClientIdAndEqualClientIdsOfOthersAreStored() {
		try (ConfigurableApplicationContext app = start(sqld.server().url(), sqld.token)) {
			TestChatServer server = TestChatServer.of(app);
			try (ChatClient alice = server.connect("alice"); ChatClient bob = server.connect("bob")) {
				alice.send("no key", null);
				JsonNode keyless = alice.next(CHAT);
				assertThat(keyless.get("content").asString()).isEqualTo("no key");
				assertThat(keyless.get("clientId").isNull()).isTrue();
				alice.send("alice's", "shared");
				JsonNode alices = alice.next(CHAT);
				bob.send("bob's", "shared");
				JsonNode bobs = alice.next(CHAT);
				assertThat(bobs.get("content").asString()).isEqualTo("bob's");
				assertThat(bobs.get("id").asLong()).isGreaterThan(alices.get("id").asLong());
				bob.assertNothingOn(REPLAYS);
				alice.send("alice's, again", "shared");
				assertThat(alice.next(REPLAYS)).isEqualTo(alices);
				alice.assertNothingOn(ERRORS);
			}
		}
	}

	@Test
	void aWrongTokenFailsTheStartNamingTheVariable(CapturedOutput output) {
		String foreign = new Ed25519Tokens().readWriteToken(Instant.now().plus(Duration.ofHours(1)));
		assertStartFails(sqld.server().url(), foreign, "refused TURSO_AUTH_TOKEN", output);
	}

	@Test
	void anExpiredTokenFailsTheStartNamingTheVariable(CapturedOutput output) {
		String expired = sqld.tokens.readWriteToken(Instant.now().minus(Duration.ofMinutes(5)));
		assertStartFails(sqld.server().url(), expired, "refused TURSO_AUTH_TOKEN", output);
	}

	@Test
	void aMissingTokenFailsTheStartNamingTheVariable(CapturedOutput output) {
		assertStartFails(sqld.server().url(), "", "TURSO_AUTH_TOKEN is not set", output);
	}

	@Test
	void anUnreachableServerFailsTheStartNamingTheUrlVariable(CapturedOutput output) throws Exception {
		String nothingThere = "http://127.0.0.1:" + LoopbackPorts.free();
		assertStartFails(nothingThere, sqld.token, "Cannot reach the libSQL server at " + nothingThere
				+ " (TURSO_DATABASE_URL)", output);
	}

	@Test
	void aUrlOfAnotherKindFailsTheStartNamingTheUrlVariable(CapturedOutput output) {
		assertStartFails("ftp://127.0.0.1/db", sqld.token, "TURSO_DATABASE_URL must start with libsql://", output);
	}

	@Test
	void sendsDuringAnOutageGetAnErrorAndChatResumesWhenSqldIsBack() {
		try (SqldServer flaky = SqldServer.start(sqld.tokens);
				ConfigurableApplicationContext app = start(flaky.url(), sqld.token)) {
			TestChatServer server = TestChatServer.of(app);
			try (ChatClient alice = server.connect("alice"); ChatClient bob = server.connect("bob")) {
				alice.send("before", "outage-1");
				bob.next(CHAT);

				flaky.stop();
				alice.send("during", "outage-2");
				JsonNode error = alice.next(ERRORS);
				assertThat(error.get("code").asString()).isEqualTo("NOT_STORED");
				assertThat(error.get("clientId").asString()).isEqualTo("outage-2");
				assertThat(error.get("message").asString()).doesNotContain(sqld.token);
				assertThat(server.get("/actuator/health").statusCode()).isEqualTo(503);
				assertThat(server.get("/actuator/health/readiness").statusCode()).as("not ready").isEqualTo(503);
				assertThat(server.get("/actuator/health/liveness").statusCode()).as("but alive").isEqualTo(200);
				bob.assertNothingOn(CHAT);

				flaky.start();
				alice.send("during", "outage-2");
				assertThat(bob.next(CHAT).get("content").asString()).isEqualTo("during");
				assertThat(server.get("/actuator/health").statusCode()).isEqualTo(200);
				assertThat(server.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
				assertThat(flaky.query("SELECT content FROM messages ORDER BY id", sqld.token)).hasSize(2);
			}
		}
	}

	private static void assertStartFails(String url, String authToken, String expected, CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(url, authToken).close())
			.havingRootCause()
			.isInstanceOf(DatabaseUnavailableException.class)
			.withMessageContaining(expected);
		assertThat(output).contains("Description:").contains(expected);
		if (!authToken.isEmpty()) {
			assertThat(output).doesNotContain(authToken);
		}
	}

	@Test
	void aServerThatStopsAnsweringCostsTheWaitingSendersTheQueryTimeoutThenChatResumes() throws Exception {
		try (StallingProxy network = new StallingProxy(sqld.server().port());
				ConfigurableApplicationContext app = start(network.url(), sqld.token, "--chat.storage.query-timeout=2s")) {
			TestChatServer server = TestChatServer.of(app);
			try (ChatClient alice = server.connect("alice"); ChatClient bob = server.connect("bob")) {
				alice.send("before", "stall-0");
				bob.next(CHAT);

				network.stall();
				long stalled = System.nanoTime();
				alice.send("into the void", "stall-1");
				bob.send("me too", "stall-2");
				assertThat(alice.next(ERRORS).get("code").asString()).isEqualTo("NOT_STORED");
				assertThat(bob.next(ERRORS).get("code").asString()).isEqualTo("NOT_STORED");
				assertThat(Duration.ofNanos(System.nanoTime() - stalled)).as("both answered after two query timeouts")
					.isLessThan(Duration.ofSeconds(8));
				assertThat(server.get("/actuator/health/readiness").statusCode()).as("not ready, and said so in time")
					.isEqualTo(503);

				network.resume();
				bob.send("me too", "stall-2");
				// The request given up on may have reached sqld after all: then the retry
				// gets the stored copy instead of a broadcast.
				bob.nextMatching(clientId("stall-2"), CHAT, REPLAYS);
				alice.send("after", "stall-3");
				bob.nextMatching(clientId("stall-3"), CHAT);
				assertThat(sqld.server().query("SELECT COUNT(*) FROM messages WHERE client_id = 'stall-2'", sqld.token)
					.get(0).get(0).asInt()).as("stored once").isEqualTo(1);
			}
		}
	}

	private static Predicate<JsonNode> clientId(String clientId) {
		return (message) -> clientId.equals(message.get("clientId").asString(null));
	}

	private static ConfigurableApplicationContext start(String url, String authToken, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--chat.storage.turso.database-url=" + url, "--chat.storage.turso.auth-token=" + authToken,
				"--chat.storage.connect-timeout=5s"));
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(SocketChatApplication.class).run(arguments.toArray(String[]::new));
	}

}
