package org.socketchat.storage;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One real sqld for a whole test class, with the key it trusts and a current token. */
final class SqldPerClass implements BeforeAllCallback, AfterAllCallback {

	final Ed25519Tokens tokens = new Ed25519Tokens();

	final String token = this.tokens.readWriteToken(Instant.now().plus(Duration.ofHours(1)));

	private SqldServer server;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = SqldServer.start(this.tokens);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.server != null) {
			this.server.close();
		}
	}

	SqldServer server() {
		return this.server;
	}

}
