package org.socketchat.bench.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NonReaderCloseTests {

	@Test
	void theStatusIsTheCloseFramesCodeOrHowTheConnectionEndedWithoutOne() {
		assertThat(NonReaderClose.status("closed by server: 4500 session not reliable")).isEqualTo("4500");
		assertThat(NonReaderClose.status("closed by server: 1008 ")).isEqualTo("1008");
		assertThat(NonReaderClose.status("closed by server (end of stream)")).isEqualTo("EOF, no close frame");
		assertThat(NonReaderClose.status("I/O error: Connection reset")).isEqualTo("reset");
		assertThat(NonReaderClose.status(null)).isEqualTo("still open");
		assertThat(NonReaderClose.status("ERROR frame: bad")).isEqualTo("ERROR frame: bad");
	}

}
