package org.socketchat.limits;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.socketchat.ChatAppTest;
import org.socketchat.ChatClient;
import org.socketchat.StalledSubscriber;
import org.socketchat.TestChatServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketchat.ChatClient.CHAT;

/**
 * A client that stops reading while it is sent more than its socket holds, and then
 * nothing: the thread writing to it is held until something ends the connection. Spring's
 * own time limit is checked only when the next message for that session comes.
 */
@ChatAppTest
@Import(SlowReadersIntegrationTests.Disconnects.class)
@TestPropertySource(properties = { "chat.limits.send-timeout=2s", "chat.limits.messages-per-second=1000",
		"chat.limits.message-burst=5000" })
class SendTimeoutIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	SlowReadersIntegrationTests.Disconnects disconnects;

	@Autowired
	@Qualifier("clientOutboundChannelExecutor")
	ThreadPoolTaskExecutor outbound;

	@Test
	void aWriteThatTakesLongerThanTheSendTimeoutEndsTheConnectionAndFreesItsThread() throws Exception {
		TestChatServer server = TestChatServer.of(this.context);
		try (StalledSubscriber stalled = server.connectStalled("stalled");
				ChatClient sender = server.connect("sender")) {
			// About 6 MB for the stalled subscriber: more than the ~4 MB the kernel buffers for
			// a socket that is not read, so the server's write to it blocks.
			int count = 3_000;
			String padding = "x".repeat(1990);
			for (int i = 0; i < count; i++) {
				sender.send(String.format("%09d %s", i, padding), "send-timeout-" + i);
			}
			for (int i = 0; i < count; i++) {
				sender.next(CHAT);
			}
			long broadcast = System.nanoTime();

			// Without reading: once the client reads again, the blocked write goes on.
			this.disconnects.await(stalled.principalName(), broadcast + Duration.ofSeconds(5).toNanos());
			assertThat(outboundIdleWithin(Duration.ofSeconds(3))).as("no thread still writing to it").isTrue();
			assertThat(stalled.endsWithin(Duration.ofSeconds(3))).as("the connection ended").isTrue();
			assertThat(sender.isConnected()).isTrue();
		}
	}

	private boolean outboundIdleWithin(Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (this.outbound.getActiveCount() > 0) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(20);
		}
		return true;
	}

}
