package org.socketchat.bench.process;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TargetTests {

	@Test
	void derivesTheWebSocketEndpointAndRequestUrls() {
		Target target = new Target(URI.create("http://127.0.0.1:8080/"), 42L);
		assertThat(target.webSocket()).isEqualTo(URI.create("ws://127.0.0.1:8080/ws"));
		assertThat(target.resolve("/api/messages?limit=1")).isEqualTo(URI.create("http://127.0.0.1:8080/api/messages?limit=1"));
	}

	@Test
	void loadsLoopbackServersOnly() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Target(URI.create("http://10.0.0.5:8080"), null));
		assertThatIllegalArgumentException().isThrownBy(() -> new Target(URI.create("http://example.org"), null));
	}

}
