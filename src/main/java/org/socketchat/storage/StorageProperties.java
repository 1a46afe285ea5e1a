package org.socketchat.storage;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Where the messages live: a libSQL server when {@code turso.database-url} is set, else
 * the embedded SQLite file.
 *
 * @param file the SQLite file, relative to the working directory unless absolute; its
 * directory is created on start
 * @param busyTimeout how long a statement waits for another connection's write lock
 * @param turso the libSQL server, from {@code TURSO_DATABASE_URL} and
 * {@code TURSO_AUTH_TOKEN}
 * @param connectTimeout how long the start-up check waits for the libSQL server
 * @param queryTimeout how long one query may take before its callers are told it failed
 */
@ConfigurationProperties("chat.storage")
record StorageProperties(@DefaultValue("data/chat.db") Path file, @DefaultValue("5s") Duration busyTimeout,
		@DefaultValue Turso turso, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("10s") Duration queryTimeout) {

	/**
	 * @param databaseUrl any form people paste: {@code libsql://}, {@code https://},
	 * {@code http://} or {@code jdbc:dbeaver:libsql:}
	 * @param authToken a secret: kept out of {@link #toString()}
	 */
	record Turso(String databaseUrl, String authToken) {

		boolean isConfigured() {
			return StringUtils.hasText(this.databaseUrl);
		}

		boolean hasToken() {
			return StringUtils.hasText(this.authToken);
		}

		@Override
		public String toString() {
			return "Turso[databaseUrl=" + this.databaseUrl + ", authToken=" + (hasToken() ? "******" : "") + "]";
		}

	}

}
