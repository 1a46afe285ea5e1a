package org.socketchat.storage;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the embedded database lives.
 *
 * @param file the SQLite file, relative to the working directory unless absolute; its
 * directory is created on start
 * @param busyTimeout how long a statement waits for another connection's write lock
 */
@ConfigurationProperties("chat.storage")
record StorageProperties(@DefaultValue("data/chat.db") Path file, @DefaultValue("5s") Duration busyTimeout) {
}
