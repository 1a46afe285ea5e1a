package org.socketchat.bench.scenario;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.socketchat.bench.process.Http;
import org.socketchat.bench.process.Target;

/**
 * Reads the server's stored messages through {@code GET /api/messages}, to check that what
 * was acknowledged or delivered was also stored: the contract says nothing is broadcast
 * that was not stored.
 */
final class Backlog {

	private static final int PAGE = 500;

	private static final int MOST_PAGES = 10_000;

	private final Http http = new Http();

	private final Target target;

	Backlog(Target target) {
		this.target = target;
	}

	/** The newest stored id, 0 when there is none. */
	long lastId() {
		JsonNode page = page("/api/messages?limit=1");
		return page.isEmpty() ? 0 : page.get(0).path("id").asLong();
	}

	/**
	 * Counts stored messages after {@code sinceId} whose content starts with {@code tag},
	 * reading at most {@code maxMessages} messages (ample: the run's plus others').
	 */
	long countTagged(long sinceId, String tag, long maxMessages) {
		long count = 0;
		long since = sinceId;
		String prefix = tag + " ";
		for (long read = 0; read <= maxMessages; read += PAGE) {
			JsonNode page = page("/api/messages?since=" + since + "&limit=" + PAGE);
			for (JsonNode message : page) {
				if (message.path("content").asString().startsWith(prefix)) {
					count++;
				}
				since = message.path("id").asLong();
			}
			if (page.size() < PAGE) {
				break;
			}
		}
		return count;
	}

	/**
	 * Every stored message after {@code sinceId}, oldest first, page by page as the chat
	 * page reads it after a reconnect; at most {@code MOST_PAGES} pages.
	 */
	List<StoredMessage> after(long sinceId) {
		List<StoredMessage> messages = new ArrayList<>();
		long since = sinceId;
		for (int pages = 0; pages < MOST_PAGES; pages++) {
			JsonNode page = page("/api/messages?since=" + since + "&limit=" + PAGE);
			for (JsonNode message : page) {
				messages.add(StoredMessage.of(message));
				since = message.path("id").asLong();
			}
			if (page.size() < PAGE) {
				return messages;
			}
		}
		throw new IllegalStateException("more than " + MOST_PAGES + " backlog pages after id " + sinceId);
	}

	private JsonNode page(String pathAndQuery) {
		Http.Response response = this.http.get(this.target.resolve(pathAndQuery));
		if (!response.ok()) {
			throw new IllegalStateException("GET " + pathAndQuery + " answered " + response.status());
		}
		return JsonMapper.shared().readTree(response.body());
	}

}
