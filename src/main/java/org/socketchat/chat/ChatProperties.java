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
public record ChatProperties(@DefaultValue("2000") @Positive int maxContentLength,
		@DefaultValue @Valid GroupCommit groupCommit) {

	/**
	 * Worst case per code point in a broadcast: JSON writes a control character as six
	 * bytes (a backslash, {@code u} and four hex digits); no other code point takes more
	 * than UTF-8's four.
	 */
	private static final int BYTES_PER_CODE_POINT = 6;

	/** The rest of a broadcast frame at its longest: STOMP headers, id, names, clientId, time. */
	private static final int FRAME_OVERHEAD = 1024;

	/**
	 * The most one subscriber can be sent at once: a group-commit batch of the longest
	 * messages, broadcast as soon as it is stored.
	 */
	public long largestBatchBytes() {
		return this.groupCommit.maxBatch() * ((long) BYTES_PER_CODE_POINT * this.maxContentLength + FRAME_OVERHEAD);
	}

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
