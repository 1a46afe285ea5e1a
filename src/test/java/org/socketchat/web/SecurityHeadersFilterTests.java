package org.socketchat.web;

import java.net.http.HttpHeaders;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketchat.ChatAppTest;
import org.socketchat.TestChatServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Every response, the page's and the API's alike, carries the headers that protect the page. */
@ChatAppTest
class SecurityHeadersFilterTests {

	@Autowired
	ApplicationContext context;

	@ParameterizedTest
	@ValueSource(strings = { "/", "/index.html", "/chat.js", "/chat.css", "/favicon.svg",
			"/webjars/sockjs-client/sockjs.min.js", "/webjars/stomp-websocket/stomp.min.js", "/sockjs/info", "/sockjs/iframe.html",
			"/api/messages", "/api/messages?limit=0", "/actuator/health", "/no-such-page" })
	void carriesThePolicyAndRefusesFramingAndSniffing(String path) {
		HttpHeaders headers = TestChatServer.of(this.context).get(path).headers();

		assertThat(headers.allValues("Content-Security-Policy")).singleElement()
			.asString()
			.contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'",
					"frame-ancestors 'none'")
			.doesNotContain("unsafe-inline", "unsafe-eval", "*");
		assertThat(headers.allValues("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(headers.allValues("X-Frame-Options")).containsExactly("DENY");
		assertThat(headers.allValues("Referrer-Policy")).containsExactly("no-referrer");
	}

}
