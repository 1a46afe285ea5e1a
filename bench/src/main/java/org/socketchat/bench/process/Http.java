package org.socketchat.bench.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP/1.1 requests to the servers the bench talks to, each with a timeout. */
public final class Http {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** @param status the HTTP status, or -1 when nothing answered */
	public record Response(int status, String body) {

		public boolean ok() {
			return this.status == 200;
		}

	}

	public Response get(URI uri) {
		return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
	}

	public Response postJson(URI uri, String json) {
		return send(HttpRequest.newBuilder(uri)
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			return new Response(-1, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Response(-1, "interrupted");
		}
	}

	/** Polls {@code uri} every 20 ms until it answers 200; returns whether it did in time. */
	public boolean awaitOk(URI uri, Duration timeout, Process process) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline && (process == null || process.isAlive())) {
			if (get(uri).ok()) {
				return true;
			}
			sleep(20);
		}
		return false;
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
