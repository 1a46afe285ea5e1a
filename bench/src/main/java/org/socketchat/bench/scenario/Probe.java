package org.socketchat.bench.scenario;

/**
 * The identity and send time a bench message carries in its content, so every receiver
 * can tell which message it got, whether it got it before, and how long it took.
 * Content: {@code "<tag> <index> <sentNanos> xxxx…"}; only [a-z0-9 ] so no JSON escaping.
 *
 * @param tag marks one run (or one step of a run); other traffic is ignored
 * @param index the message's number within the run, from 0
 * @param sentNanos {@link System#nanoTime()} at which it was due to be sent
 */
record Probe(String tag, long index, long sentNanos) {

	private static final String CONTENT_KEY = "\"content\":\"";

	/** The SEND body, content padded with {@code x} to {@code size} characters. */
	String json(int size) {
		StringBuilder content = new StringBuilder(size + 40).append(this.tag)
			.append(' ')
			.append(this.index)
			.append(' ')
			.append(this.sentNanos)
			.append(' ');
		while (content.length() < size) {
			content.append('x');
		}
		return "{\"content\":\"" + content + "\",\"clientId\":\"" + clientId() + "\"}";
	}

	/** Unique per message, so a retry would be stored once. */
	String clientId() {
		return this.tag + "-" + this.index;
	}

	/**
	 * Reads the probe out of a stored message's JSON ({@code "content":"…"}) without a JSON
	 * parser: the tool reads up to a million of these a second.
	 * @return the probe, or {@code null} if the message is not one of this run's
	 */
	static Probe fromMessage(String json, String tag) {
		int key = json.indexOf(CONTENT_KEY);
		if (key < 0) {
			return null;
		}
		int start = key + CONTENT_KEY.length();
		if (!json.startsWith(tag, start) || json.charAt(start + tag.length()) != ' ') {
			return null;
		}
		int indexStart = start + tag.length() + 1;
		int indexEnd = json.indexOf(' ', indexStart);
		int nanosEnd = json.indexOf(' ', indexEnd + 1);
		if (indexEnd < 0 || nanosEnd < 0) {
			return null;
		}
		return new Probe(tag, Long.parseLong(json, indexStart, indexEnd, 10),
				Long.parseLong(json, indexEnd + 1, nanosEnd, 10));
	}

	/** The same probe's clientId read from an error payload ({@code "clientId":"tag-index"}). */
	static long indexFromClientId(String json, String tag) {
		String key = "\"clientId\":\"" + tag + "-";
		int start = json.indexOf(key);
		if (start < 0) {
			return -1;
		}
		int from = start + key.length();
		return Long.parseLong(json, from, json.indexOf('"', from), 10);
	}

}
