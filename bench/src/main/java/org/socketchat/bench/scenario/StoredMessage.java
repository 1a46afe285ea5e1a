package org.socketchat.bench.scenario;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stored chat message as both the wire and the database hold it ({@code createdAt}
 * aside): what a client's view and the database's rows are compared by.
 *
 * @param clientId {@code null} when the sender gave none
 */
record StoredMessage(long id, String username, String clientId, String content) {

	/** From a broadcast, a retry reply or a backlog entry: {@code {"id", "username", ...}}. */
	static StoredMessage of(JsonNode message) {
		JsonNode clientId = message.path("clientId");
		return new StoredMessage(message.path("id").asLong(), message.path("username").asString(),
				clientId.isString() ? clientId.asString() : null, message.path("content").asString());
	}

	static StoredMessage parse(String json) {
		return of(JsonMapper.shared().readTree(json));
	}

}
