package org.socketchat.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerRelayPropertiesTests {

	@Test
	void theRelayIsOnOnlyWithAHost() {
		assertThat(new BrokerRelayProperties(null, 61613, null, null, null).enabled()).isFalse();
		assertThat(new BrokerRelayProperties(" ", 61613, null, null, null).enabled()).isFalse();
		assertThat(new BrokerRelayProperties("rabbit.internal", 61613, null, null, null).enabled()).isTrue();
	}

	@Test
	void thePasscodeNeverShowsInWhatMayBeLogged() {
		String shown = new BrokerRelayProperties("rabbit.internal", 61613, "chat", "s3cret-passcode", "/").toString();
		assertThat(shown).contains("rabbit.internal", "chat").doesNotContain("s3cret-passcode");
	}

}
