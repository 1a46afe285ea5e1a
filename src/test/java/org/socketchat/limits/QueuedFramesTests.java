package org.socketchat.limits;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.TextMessage;

import static org.assertj.core.api.Assertions.assertThat;

class QueuedFramesTests {

	final QueuedFrames queued = new QueuedFrames();

	@Test
	void framesWaitingTogetherLeaveAsOneMessageInTheOrderQueued() {
		this.queued.add(frame("a", 100));
		this.queued.add(frame("b", 100));
		this.queued.add(frame("c", 100));
		assertThat(this.queued.bytes()).isEqualTo(300);

		assertThat(this.queued.takeMessage().getPayload()).isEqualTo(body("a", 100) + body("b", 100) + body("c", 100));
		assertThat(this.queued.isEmpty()).isTrue();
		assertThat(this.queued.bytes()).isZero();
		assertThat(this.queued.takeMessage()).isNull();
	}

	@Test
	void aMessageHoldsNoMoreThanItsShareAndTheRestWaitsForTheNext() {
		for (int i = 0; i < 20; i++) {
			this.queued.add(frame("f" + i, 1000));
		}
		List<Integer> sizes = new ArrayList<>();
		for (TextMessage message = this.queued.takeMessage(); message != null; message = this.queued.takeMessage()) {
			sizes.add(message.getPayloadLength());
		}
		assertThat(sizes).containsExactly(8000, 8000, 4000);
	}

	@Test
	void aFrameBiggerThanAMessageGoesAloneAsItIs() {
		TextMessage big = frame("big", QueuedFrames.MESSAGE_BYTES + 1);
		this.queued.add(frame("small", 30));
		this.queued.add(big);
		this.queued.add(frame("after", 30));

		assertThat(this.queued.takeMessage().getPayload()).isEqualTo(body("small", 30));
		assertThat(this.queued.takeMessage()).isSameAs(big);
		assertThat(this.queued.takeMessage().getPayload()).isEqualTo(body("after", 30));
	}

	@Test
	void aHeartBeatBesideFramesIsLeftOutAndAloneGoesAsItIs() {
		this.queued.add(new TextMessage("\n"));
		this.queued.add(frame("a", 50));
		this.queued.add(new TextMessage("\n"));
		assertThat(this.queued.takeMessage().getPayload()).isEqualTo(body("a", 50));

		this.queued.add(new TextMessage("\n"));
		this.queued.add(new TextMessage("\n"));
		assertThat(this.queued.takeMessage().getPayload()).isEqualTo("\n");
		assertThat(this.queued.isEmpty()).isTrue();
	}

	/** A STOMP frame of exactly {@code bytes} bytes, ending with its NUL. */
	private static TextMessage frame(String name, int bytes) {
		return new TextMessage(body(name, bytes));
	}

	private static String body(String name, int bytes) {
		String head = "MESSAGE\nid:" + name + "\n\n";
		return head + "x".repeat(bytes - head.length() - 1) + "\u0000";
	}

}
