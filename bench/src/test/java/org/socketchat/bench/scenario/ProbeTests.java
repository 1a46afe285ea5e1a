package org.socketchat.bench.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeTests {

	@Test
	void aStoredMessageGivesBackItsProbe() {
		Probe sent = new Probe("fab12r3", 41, 123_456_789_012L);
		String body = sent.json(100);
		assertThat(body).startsWith("{\"content\":\"fab12r3 41 123456789012 x").endsWith("\",\"clientId\":\"fab12r3-41\"}");
		String content = body.substring(body.indexOf(":\"") + 2, body.indexOf("\",\""));
		assertThat(content).hasSize(100);
		String broadcast = "{\"id\":9,\"username\":\"pub-1\",\"content\":\"" + content
				+ "\",\"clientId\":\"fab12r3-41\",\"createdAt\":\"2026-11-22T16:20:31.123Z\"}";
		assertThat(Probe.fromMessage(broadcast, "fab12r3")).isEqualTo(sent);
	}

	@Test
	void anotherRunsMessageIsNotAProbeOfThisRun() {
		String broadcast = "{\"id\":9,\"username\":\"a\",\"content\":\"fab12r34 1 2 x\",\"clientId\":null}";
		assertThat(Probe.fromMessage(broadcast, "fab12r3")).isNull();
		assertThat(Probe.fromMessage("{\"id\":1,\"content\":\"hello\"}", "fab12r3")).isNull();
		assertThat(Probe.fromMessage("{\"online\":3}", "fab12r3")).isNull();
	}

	@Test
	void anErrorNamesTheProbeByItsClientId() {
		String error = "{\"code\":\"NOT_STORED\",\"message\":\"retry\",\"clientId\":\"p9-1234\"}";
		assertThat(Probe.indexFromClientId(error, "p9")).isEqualTo(1234);
		assertThat(Probe.indexFromClientId("{\"code\":\"MALFORMED_FRAME\",\"clientId\":null}", "p9")).isEqualTo(-1);
	}

}
