package org.socketchat.bench.stomp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StompFrameTests {

	private static final String MESSAGE = "MESSAGE\ndestination:/topic/chat\ncontent-type:application/json\n"
			+ "subscription:sub-1\nmessage-id:abc-1\ncontent-length:20\n\n{\"id\":1,\"a\":\"b:c\"}\0";

	@Test
	void aMessageFrameHasItsCommandHeadersAndBody() {
		List<StompFrame> frames = StompFrame.parse(MESSAGE);
		assertThat(frames).hasSize(1);
		StompFrame frame = frames.get(0);
		assertThat(frame.command()).isEqualTo("MESSAGE");
		assertThat(frame.header("subscription")).isEqualTo("sub-1");
		assertThat(frame.header("destination")).isEqualTo("/topic/chat");
		assertThat(frame.header("content")).isNull(); // a prefix of content-type is not that header
		assertThat(frame.header("missing")).isNull();
		assertThat(frame.body()).isEqualTo("{\"id\":1,\"a\":\"b:c\"}");
	}

	@Test
	void aHeartBeatHoldsNoFrame() {
		assertThat(StompFrame.parse("\n")).isEmpty();
		assertThat(StompFrame.parse("\r\n")).isEmpty();
	}

	@Test
	void oneWebSocketMessageMayHoldSeveralFramesAndEols() {
		List<StompFrame> frames = StompFrame.parse(MESSAGE + "\n" + "RECEIPT\nreceipt-id:r-7\n\n\0");
		assertThat(frames).extracting(StompFrame::command).containsExactly("MESSAGE", "RECEIPT");
		assertThat(frames.get(1).header("receipt-id")).isEqualTo("r-7");
	}

	@Test
	void crLfLineEndsAndAFrameWithoutHeadersAreRead() {
		StompFrame connected = StompFrame.parse("CONNECTED\r\nversion:1.2\r\nheart-beat:10000,10000\r\n\r\n\0").get(0);
		assertThat(connected.command()).isEqualTo("CONNECTED");
		assertThat(connected.header("version")).isEqualTo("1.2");
		assertThat(connected.header("heart-beat")).isEqualTo("10000,10000");
		StompFrame bare = StompFrame.parse("DISCONNECT\n\nbody\0").get(0);
		assertThat(bare.command()).isEqualTo("DISCONNECT");
		assertThat(bare.headerBlock()).isEmpty();
		assertThat(bare.body()).isEqualTo("body");
	}

	@Test
	void headerValuesAreUnescaped() {
		StompFrame error = StompFrame.parse("ERROR\nmessage:bad\\cname\\nline two\\\\\n\n\0").get(0);
		assertThat(error.header("message")).isEqualTo("bad:name\nline two\\");
	}

	@Test
	void encodedFramesEscapeHeaderValuesAndParseBack() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("destination", "/app/chat");
		headers.put("username", "a:b\nc");
		String text = StompFrame.encode("SEND", headers, "{}");
		assertThat(text).isEqualTo("SEND\ndestination:/app/chat\nusername:a\\cb\\nc\n\n{}\0");
		StompFrame frame = StompFrame.parse(text).get(0);
		assertThat(frame.header("username")).isEqualTo("a:b\nc");
		assertThat(frame.body()).isEqualTo("{}");
	}

	@Test
	void aFrameCutShortIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> StompFrame.parse("MESSAGE\ndestination:/x\n\nbody"));
		assertThatIllegalArgumentException().isThrownBy(() -> StompFrame.parse("MESSAGE\ndestination:/x"));
	}

}
