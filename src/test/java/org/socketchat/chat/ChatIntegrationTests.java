package org.socketchat.chat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketchat.ChatAppTest;
import org.socketchat.ChatClient;
import org.socketchat.TestChatServer;
import org.socketchat.TestChatServer.Transport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.CHAT;
import static org.socketchat.ChatClient.ERRORS;
import static org.socketchat.ChatClient.REPLAYS;

@ChatAppTest
class ChatIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	TestChatServer server;

	final List<ChatClient> clients = new ArrayList<>();

	@BeforeEach
	void setUp() {
		this.server = TestChatServer.of(this.context);
	}

	@AfterEach
	void disconnect() {
		this.clients.forEach(ChatClient::close);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aliceAndBobSeeEachOthersMessagesWithIds(Transport transport) {
		ChatClient alice = connect(transport, "alice");
		ChatClient bob = connect(transport, "bob");

		alice.send("hello bob", "a-" + transport);
		JsonNode toBob = bob.next(CHAT);
		JsonNode toAlice = alice.next(CHAT);
		bob.send("hi alice", null);
		JsonNode reply = alice.next(CHAT);

		assertThat(toBob.get("username").asString()).isEqualTo("alice");
		assertThat(toBob.get("content").asString()).isEqualTo("hello bob");
		assertThat(toBob.get("clientId").asString()).isEqualTo("a-" + transport);
		assertThat(toBob.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		assertThat(toAlice).as("the sender's own copy is its acknowledgement").isEqualTo(toBob);
		assertThat(reply.get("username").asString()).isEqualTo("bob");
		assertThat(reply.get("clientId").isNull()).isTrue();
		assertThat(reply.get("id").asLong()).isGreaterThan(toBob.get("id").asLong());
		assertThat(storedContents()).endsWith("hello bob", "hi alice");
	}

	@Test
	void everyoneReceivesConcurrentSendsInIdOrderAndEachSendersInTheOrderSent() {
		List<ChatClient> senders = List.of(connect("s1"), connect("s2"), connect("s3"));
		ChatClient observer = connect("observer");
		int each = 20;
		for (int i = 0; i < each; i++) {
			for (ChatClient sender : senders) {
				sender.send(String.valueOf(i), null);
			}
		}

		List<JsonNode> received = new ArrayList<>();
		for (int i = 0; i < each * senders.size(); i++) {
			received.add(observer.next(CHAT));
		}
		assertThat(received).extracting((m) -> m.get("id").asLong()).isSorted().doesNotHaveDuplicates();
		for (String name : List.of("s1", "s2", "s3")) {
			assertThat(received.stream().filter((m) -> m.get("username").asString().equals(name)))
				.extracting((m) -> Integer.parseInt(m.get("content").asString()))
				.isSorted()
				.hasSize(each);
		}
	}

	@Test
	void contentIsTrimmedAndKeptExactly() {
		ChatClient alice = connect("alice");
		String text = "  <b>bold</b> & \"quotes\" 😀 über\nsecond line\t ";
		alice.send(text, null);
		assertThat(alice.next(CHAT).get("content").asString()).isEqualTo(text.strip());
	}

	@Test
	void backlogReturnsMessagesAfterAnIdInOrder() {
		ChatClient alice = connect("alice");
		List<Long> ids = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			alice.send("message " + i, null);
			ids.add(alice.next(CHAT).get("id").asLong());
		}

		JsonNode afterSecond = json(this.server.get("/api/messages?since=" + ids.get(1)).body());
		assertThat(afterSecond.findValuesAsString("content")).containsExactly("message 3", "message 4", "message 5");
		assertThat(afterSecond.findValues("id").stream().map(JsonNode::asLong)).containsExactlyElementsOf(ids.subList(2, 5));

		JsonNode page = json(this.server.get("/api/messages?since=" + ids.get(0) + "&limit=2").body());
		assertThat(page.findValuesAsString("content")).containsExactly("message 2", "message 3");

		JsonNode newest = json(this.server.get("/api/messages?limit=2").body());
		assertThat(newest.findValuesAsString("content")).containsExactly("message 4", "message 5");

		assertThat(json(this.server.get("/api/messages?since=" + ids.get(4)).body())).isEmpty();
	}

	@Test
	void backlogPagesEndToEndWithoutGapOrDuplicate() {
		ChatClient alice = connect("alice");
		for (int i = 0; i < 7; i++) {
			alice.send("m" + i, null);
			alice.next(CHAT);
		}
		long first = this.jdbc.queryForObject("SELECT MIN(id) FROM messages", Long.class);
		List<Long> seen = new ArrayList<>();
		long since = first - 1;
		while (true) {
			JsonNode page = json(this.server.get("/api/messages?limit=3&since=" + since).body());
			page.forEach((message) -> seen.add(message.get("id").asLong()));
			if (page.size() < 3) {
				break;
			}
			since = page.get(page.size() - 1).get("id").asLong();
		}
		assertThat(seen).isEqualTo(this.jdbc.queryForList("SELECT id FROM messages WHERE id >= ? ORDER BY id",
				Long.class, first));
	}

	@Test
	void aRetriedClientIdIsStoredOnceAndTheSenderGetsTheStoredCopy() {
		ChatClient alice = connect("alice");
		ChatClient bob = connect("bob");

		alice.send("only once", "retry-1");
		JsonNode original = alice.next(CHAT);
		bob.next(CHAT);
		alice.send("only once", "retry-1");

		assertThat(alice.next(REPLAYS)).isEqualTo(original);
		assertThat(count("client_id = 'retry-1'")).isEqualTo(1);
		alice.assertNothingOn(CHAT);
		bob.assertNothingOn(CHAT);
		bob.assertNothingOn(REPLAYS);
	}

	@Test
	void aClientIdIsAKeyOfItsSenderOnly() {
		ChatClient alice = connect("alice");
		ChatClient bob = connect("bob");

		alice.send("from alice", "same");
		JsonNode alices = bob.next(CHAT);
		assertThat(alice.next(CHAT)).isEqualTo(alices);
		bob.send("from bob", "same");
		JsonNode bobs = alice.next(CHAT);
		assertThat(bob.next(CHAT)).isEqualTo(bobs);
		assertThat(bobs.get("id").asLong()).isGreaterThan(alices.get("id").asLong());
		assertThat(bobs.get("content").asString()).isEqualTo("from bob");
		assertThat(bobs.get("clientId").asString()).isEqualTo("same");
		bob.assertNothingOn(REPLAYS);

		alice.send("from alice, again", "same");
		assertThat(alice.next(REPLAYS)).isEqualTo(alices);
		alice.assertNothingOn(CHAT);
		bob.assertNothingOn(CHAT);
		assertThat(count("client_id = 'same'")).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   " })
	void aBlankClientIdIsNoKey(String blank) {
		ChatClient alice = connect("alice");
		ChatClient bob = connect("bob");
		int withoutClientId = count("client_id IS NULL");

		alice.send("first", blank);
		alice.send("second", blank);
		bob.send("third", blank);

		List<JsonNode> received = List.of(alice.next(CHAT), alice.next(CHAT), alice.next(CHAT));
		assertThat(received).extracting((m) -> m.get("content").asString())
			.containsExactlyInAnyOrder("first", "second", "third");
		assertThat(received).allSatisfy((m) -> assertThat(m.get("clientId").isNull()).isTrue());
		alice.assertNothingOn(REPLAYS);
		bob.assertNothingOn(REPLAYS);
		assertThat(count("client_id IS NULL")).isEqualTo(withoutClientId + 3);
	}

	@Test
	void aClientIdOf64CharactersIsAcceptedHoweverManyUtf16UnitsTheyTake() {
		ChatClient alice = connect("alice");
		String emoji = "😀".repeat(64);

		alice.send("sixty-four emoji", emoji);
		assertThat(alice.next(CHAT).get("clientId").asString()).isEqualTo(emoji);
		alice.send("sixty-five", emoji + "😀");
		JsonNode error = alice.next(ERRORS);
		assertThat(error.get("message").asString()).isEqualTo("clientId must be at most 64 characters");
		assertThat(error.get("clientId").asString()).isEqualTo(emoji + "😀");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			blank content          | {"content": "   ", "clientId": "c1"}           | INVALID_MESSAGE | c1
			missing content        | {"clientId": "c2"}                             | INVALID_MESSAGE | c2
			clientId too long      | {"content": "hi", "clientId": "%s"}            | INVALID_MESSAGE | %s
			malformed JSON         | {"content": "hi"                               | MALFORMED_FRAME |
			not an object          | ["hi"]                                         | MALFORMED_FRAME |
			content not a string   | {"content": {"text": "hi"}, "clientId": "c3"}  | MALFORMED_FRAME |
			content a number       | {"content": 42, "clientId": "c4"}              | MALFORMED_FRAME |
			content a boolean      | {"content": true}                              | MALFORMED_FRAME |
			clientId not a string  | {"content": "hi", "clientId": ["c5"]}          | MALFORMED_FRAME |
			""")
	void aBadFrameIsAnsweredOnTheErrorQueueAndStoresNothing(String name, String body, String code, String clientId) {
		ChatClient alice = connect("alice");
		ChatClient bob = connect("bob");
		int before = count("1 = 1");

		String tooLongClientId = "x".repeat(65);
		alice.sendRaw(body.formatted(tooLongClientId));
		JsonNode error = alice.next(ERRORS);

		assertThat(error.get("code").asString()).isEqualTo(code);
		assertThat(error.get("message").asString()).isNotBlank();
		assertThat(error.get("clientId").asString(null))
			.isEqualTo((clientId != null) ? clientId.formatted(tooLongClientId) : null);
		assertStillServes(alice, bob, before);
	}

	@Test
	void contentOverTheLimitIsRefusedWithTheLimitInTheMessage() {
		ChatClient alice = connect("alice");
		ChatClient bob = connect("bob");
		int before = count("1 = 1");

		alice.send("x".repeat(2001), "long");
		JsonNode error = alice.next(ERRORS);

		assertThat(error.get("code").asString()).isEqualTo("INVALID_MESSAGE");
		assertThat(error.get("message").asString()).isEqualTo("content must be at most 2000 characters");
		assertThat(error.get("clientId").asString()).isEqualTo("long");
		assertStillServes(alice, bob, before);
	}

	@Test
	void twoThousandCharactersAfterTrimmingAreAccepted() {
		ChatClient alice = connect("alice");
		String longest = "é".repeat(1999) + "😀";
		alice.send("  " + longest + "  ", null);
		assertThat(alice.next(CHAT).get("content").asString()).isEqualTo(longest);
	}

	@Test
	void aDatabaseFailureIsReportedToTheSenderAndNothingIsBroadcast() {
		ChatClient alice = connect("alice");
		ChatClient bob = connect("bob");
		this.jdbc.execute("ALTER TABLE messages RENAME TO messages_away");
		try {
			alice.send("lost?", "db-1");
			JsonNode error = alice.next(ERRORS);
			assertThat(error.get("code").asString()).isEqualTo("NOT_STORED");
			assertThat(error.get("clientId").asString()).isEqualTo("db-1");
		}
		finally {
			this.jdbc.execute("ALTER TABLE messages_away RENAME TO messages");
		}
		bob.assertNothingOn(CHAT);
		alice.send("lost?", "db-1");
		assertThat(bob.next(CHAT).get("clientId").asString()).as("the retry is stored").isEqualTo("db-1");
	}

	@Test
	void errorsReachOnlyTheSendingSessionEvenWhenNamesAreShared() {
		ChatClient first = connect("sam");
		ChatClient second = connect("sam");

		first.send(" ", "mine");

		assertThat(first.next(ERRORS).get("clientId").asString()).isEqualTo("mine");
		second.send("still here", null);
		second.next(CHAT);
		second.assertNothingOn(ERRORS);
	}

	@Test
	void aSessionWithoutAUsernameIsAGuest() {
		ChatClient guest = connect(null);
		guest.send("who am I?", null);
		assertThat(guest.next(CHAT).get("username").asString()).matches("guest-\\d{4}");
	}

	@Test
	void theUsernameIsTrimmed() {
		ChatClient alice = connect("  alice  ");
		alice.send("hi", null);
		assertThat(alice.next(CHAT).get("username").asString()).isEqualTo("alice");
	}

	@Test
	void aTooLongUsernameIsRefusedAtConnect() {
		assertThat(this.server.connectRefused("x".repeat(33))).contains("username must be at most 32 characters");
	}

	private void assertStillServes(ChatClient sender, ChatClient other, int countBefore) {
		assertThat(count("1 = 1")).as("rows stored").isEqualTo(countBefore);
		other.assertNothingOn(ERRORS);
		sender.send("after the error", null);
		assertThat(other.next(CHAT).get("content").asString()).isEqualTo("after the error");
		assertThat(sender.isConnected()).isTrue();
		sender.assertNothingOn(ERRORS);
	}

	private ChatClient connect(String username) {
		return connect(Transport.WEBSOCKET, username);
	}

	private ChatClient connect(Transport transport, String username) {
		ChatClient client = this.server.connect(transport, username);
		this.clients.add(client);
		return client;
	}

	private int count(String where) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM messages WHERE " + where, Integer.class);
	}

	private List<String> storedContents() {
		return this.jdbc.queryForList("SELECT content FROM messages ORDER BY id", String.class);
	}

	private static JsonNode json(String body) {
		return JsonMapper.shared().readTree(body);
	}

}
