package org.socketchat.chat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Chat settings.
 *
 * @param maxContentLength most characters a message may have after trimming
 * @param groupCommit how sends are written to the database
 */
@Validated
@ConfigurationProperties("chat")
record ChatProperties(@DefaultValue("2000") @Positive int maxContentLength,
		@DefaultValue @Valid GroupCommit groupCommit) {

	/**
	 * @param enabled {@code false} writes each send on its own, on the thread that
	 * received it: the naive baseline the benchmark compares against
	 * @param maxBatch most messages in one insert
	 * @param queueCapacity sends waiting to be written before new ones are refused
	 */
	record GroupCommit(@DefaultValue("true") boolean enabled, @DefaultValue("500") @Positive int maxBatch,
			@DefaultValue("10000") @Positive int queueCapacity) {
	}

}
