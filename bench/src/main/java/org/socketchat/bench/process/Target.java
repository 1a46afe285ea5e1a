package org.socketchat.bench.process;

import java.net.URI;

/**
 * The chat server under load: one the bench started, or one at a URL it was given.
 * @param http e.g. {@code http://127.0.0.1:8080}
 * @param pid the server's process id for /proc figures, or {@code null} if unknown
 */
public record Target(URI http, Long pid) {

	public Target {
		String host = http.getHost();
		if (!"127.0.0.1".equals(host) && !"localhost".equals(host) && !"[::1]".equals(host)) {
			// The bench loads servers on this machine only, never anything across a network.
			throw new IllegalArgumentException("the bench only targets loopback, not " + http);
		}
	}

	/** The native WebSocket STOMP endpoint. */
	public URI webSocket() {
		return URI.create("ws://" + this.http.getAuthority() + "/ws");
	}

	public URI resolve(String pathAndQuery) {
		return URI.create(this.http.toString().replaceAll("/$", "") + pathAndQuery);
	}

}
