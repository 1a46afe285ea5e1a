package org.socketchat.web;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.socketchat.ChatClient;
import org.socketchat.TemporaryDatabase;
import org.socketchat.TestChatServer;

import org.socketchat.web.ChatPage.Shown;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page forced onto SockJS's XHR transports, as on a network that blocks WebSocket.
 * An application of its own: the server notices a closed window on an XHR transport only
 * after SockJS's timeouts (about half a minute), which would skew the presence counts of
 * other tests, and whose open XHR streams would hold up a graceful shutdown as long.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "server.shutdown=immediate", "chat.limits.message-burst=1000" })
class SockJsFallbackBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TemporaryDatabase.register(registry);
	}

	@Autowired
	ApplicationContext context;

	@Test
	void xhrPollingAndXhrStreamingCarryTheChatBothWaysEvenWithoutSecureContext() {
		TestChatServer server = TestChatServer.of(this.context);
		// On a LAN address (plain HTTP) the page is no secure context: no crypto.randomUUID.
		ChromeDriver lan = chromium.open();
		lan.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
				Map.of("source", "delete Crypto.prototype.randomUUID;"));
		ChatPage alice = ChatPage.open(lan, server.url("/?transport=xhr-polling")).join("alice");
		ChatPage bob = ChatPage.open(chromium.open(), server.url("/?transport=xhr-streaming")).join("bob");

		alice.send("Sent over XHR polling");
		long id = bob.awaitMessage("Sent over XHR polling").id();
		bob.send("Sent over XHR streaming");
		alice.awaitMessage("Sent over XHR streaming");

		assertThat(alice.awaitMessage("Sent over XHR polling").own()).isTrue();
		assertThat(alice.transport()).isEqualTo("xhr-polling");
		assertThat(bob.transport()).isEqualTo("xhr-streaming");
		assertThat(alice.problems()).as("script errors and policy violations").isEmpty();
		assertThat(bob.problems()).isEmpty();
		assertThat(alice.outbox()).isEmpty();
		assertThat(server.messagesSince(id - 1).get(0).get("clientId").asString()).as("the page's own clientId")
			.matches("[0-9a-f]{32}");
		assertThat(alice.requested("/sockjs/")).anyMatch((url) -> url.contains("/xhr?"))
			.anyMatch((url) -> url.contains("/xhr_send?"))
			.noneMatch((url) -> url.contains("/xhr_streaming"));
		assertThat(bob.requested("/sockjs/")).anyMatch((url) -> url.contains("/xhr_send?"))
			.noneMatch((url) -> url.contains("/xhr?"));

		// A burst: frames that share a message reach both transports whole and in order.
		List<String> burst = IntStream.rangeClosed(1, 200).mapToObj((i) -> "Burst line " + i).toList();
		try (ChatClient carol = server.connect("carol")) {
			burst.forEach((line) -> carol.send(line, null));
			burst.forEach((line) -> carol.next(ChatClient.CHAT));
		}
		for (ChatPage page : List.of(alice, bob)) {
			page.awaitMessage("Burst line 200");
			assertThat(page.messages()).extracting(Shown::id).doesNotHaveDuplicates().isSorted();
			assertThat(page.messages()).extracting(Shown::text).containsSubsequence(burst);
			assertThat(page.problems()).isEmpty();
		}
	}

}
