package org.socketchat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/** A fresh SQLite file per application context, so tests never share rows. */
public final class TemporaryDatabase {

	private TemporaryDatabase() {
	}

	public static Path newFile() {
		try {
			return Files.createTempDirectory("socket-chat-test").resolve("chat.db");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static void register(DynamicPropertyRegistry registry) {
		Path file = newFile();
		registry.add("chat.storage.file", file::toString);
	}

}
