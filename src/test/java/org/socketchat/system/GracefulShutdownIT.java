package org.socketchat.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketchat.RawStompSocket;
import org.socketchat.RawStompSocket.Closed;
import org.socketchat.RunningJar;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to the fat jar while a client sends as fast as it can and a SockJS streaming
 * request is open: every send the server took is stored and acknowledged or answered
 * SHUTTING_DOWN, every session is told 1001, and the process is gone within 5 s.
 */
class GracefulShutdownIT {

	final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path directory;

	@Test
	void sigtermAnswersEverySendClosesEverySessionGoingAwayAndExitsWithinFiveSeconds() throws Exception {
		Path database = this.directory.resolve("chat.db");
		try (RunningJar jar = RunningJar.start(this.directory, "--chat.storage.file=" + database,
				"--chat.limits.message-burst=1000000", "--chat.limits.messages-per-second=1000000")) {
			Process app = jar.process();
			int port = jar.port();
			RawStompSocket alice = RawStompSocket.open(URI.create("ws://127.0.0.1:" + port + "/ws"));
			assertThat(alice.connect("alice", "0,0")).startsWith("CONNECTED");
			alice.send("SUBSCRIBE", "", "id:chat", "destination:/topic/chat");
			alice.send("SUBSCRIBE", "", "id:errors", "destination:/user/queue/errors");
			CompletableFuture<String> streaming = openSockJsStream(port);

			CompletableFuture<Integer> sent = CompletableFuture.supplyAsync(() -> sendUntilClosed(alice));
			Thread.sleep(500);
			long signalled = System.nanoTime();
			app.destroy();

			assertThat(app.waitFor(5, TimeUnit.SECONDS)).as("exited within 5 s of SIGTERM").isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(5));
			Closed closed = alice.awaitClosed(Duration.ofSeconds(5));
			assertThat(closed.status()).isEqualTo(1001);
			assertThat(streaming.get(5, TimeUnit.SECONDS)).contains("c[1001,");
			assertThat(sent.get(5, TimeUnit.SECONDS)).isPositive();

			Set<String> acknowledged = new HashSet<>();
			Set<String> refused = new HashSet<>();
			for (String frame = alice.pollFrame(); frame != null; frame = alice.pollFrame()) {
				JsonNode body = JsonMapper.shared().readTree(frame.substring(frame.indexOf("\n\n") + 2).replace("\0", ""));
				if (frame.contains("\nsubscription:chat\n")) {
					acknowledged.add(body.get("clientId").asString());
				}
				else if (frame.contains("\nsubscription:errors\n")) {
					assertThat(body.get("code").asString()).isIn("SHUTTING_DOWN", "NOT_STORED");
					refused.add(body.get("clientId").asString());
				}
			}
			Set<String> stored = storedClientIds(database);
			assertThat(acknowledged).as("some sends were stored before the signal").isNotEmpty();
			assertThat(stored).as("every stored send was acknowledged, every acknowledged one stored")
				.isEqualTo(acknowledged);
			assertThat(refused).as("refused sends are not stored").doesNotContainAnyElementsOf(stored);
		}
	}

	/**
	 * Sends chat frames with clientIds c0, c1, ... about 500 a second, a busy room's
	 * worth, until the connection closes.
	 */
	private static int sendUntilClosed(RawStompSocket socket) {
		int count = 0;
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		try {
			while (socket.isOpen() && System.nanoTime() < deadline) {
				socket.send("SEND", "{\"content\": \"m" + count + "\", \"clientId\": \"c" + count + "\"}",
						"destination:/app/chat", "content-type:application/json");
				count++;
				Thread.sleep(2);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// the server closed the connection mid-send
		}
		return count;
	}

	/** Opens an xhr_streaming SockJS session and returns everything it streams until it ends. */
	private CompletableFuture<String> openSockJsStream(int port) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/sockjs/123/shutdown-test/xhr_streaming"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		return CompletableFuture.supplyAsync(() -> {
			try (InputStream body = response.body()) {
				return new String(body.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return "stream broken: " + ex;
			}
		});
	}

	private static Set<String> storedClientIds(Path database) throws Exception {
		Set<String> stored = new HashSet<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT client_id FROM messages WHERE username = 'alice'")) {
			while (rows.next()) {
				stored.add(rows.getString(1));
			}
		}
		return stored;
	}

}
