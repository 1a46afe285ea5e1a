package org.socketchat.system;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

class HaltOnOutOfMemoryTests {

	final List<Integer> halted = new ArrayList<>();

	final List<Throwable> passedOn = new ArrayList<>();

	final HaltOnOutOfMemory handler = new HaltOnOutOfMemory((thread, failure) -> this.passedOn.add(failure),
			this.halted::add);

	@Test
	void anOutOfMemoryErrorHaltsTheProcessEvenWhenWrapped() {
		this.handler.uncaughtException(Thread.currentThread(),
				new MessageDeliveryException(MessageBuilder.withPayload("hi").build(),
						new OutOfMemoryError("Java heap space")));
		assertThat(this.halted).containsExactly(3);
		assertThat(this.passedOn).isEmpty();
	}

	@Test
	void otherFailuresGoToTheHandlerBefore() {
		IllegalStateException failure = new IllegalStateException("bug");
		this.handler.uncaughtException(Thread.currentThread(), failure);
		assertThat(this.halted).isEmpty();
		assertThat(this.passedOn).containsExactly(failure);
	}

}
