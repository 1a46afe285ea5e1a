package org.socketchat.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.socketchat.RunningJar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fat jar as a user runs it: configured by a {@code .env} file in its working
 * directory, against a real sqld. Runs after {@code package}, under failsafe.
 */
class DotenvStartupIT {

	static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final SqldPerClass sqld = new SqldPerClass();

	@TempDir
	Path workingDirectory;

	@Test
	void theJarChatsOnTheDatabaseNamedInDotEnv() throws Exception {
		writeDotEnv(sqld.server().url(), sqld.token);
		String output;
		try (RunningJar app = RunningJar.start(this.workingDirectory)) {
			sqld.server()
				.query("INSERT INTO messages (username, content, created_at) VALUES ('carol', 'from .env', 0)", sqld.token);

			assertThat(app.get("/api/messages").body()).contains("\"content\":\"from .env\"");
			assertThat(app.get("/actuator/health").body()).contains("\"db\":{\"status\":\"UP\"}");
			assertThat(this.workingDirectory.resolve("data")).as("no embedded file was made").doesNotExist();
			app.process().destroy();
			app.process().waitFor(20, TimeUnit.SECONDS);
			output = app.output();
		}
		assertThat(output).doesNotContain(sqld.token);
	}

	@Test
	void aRefusedTokenInDotEnvStopsTheJarWithOneClearLine() throws Exception {
		String foreign = new Ed25519Tokens().readWriteToken(Instant.now().plus(Duration.ofHours(1)));
		writeDotEnv(sqld.server().url(), foreign);
		try (RunningJar app = RunningJar.launch(this.workingDirectory)) {
			assertThat(app.process().waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the jar exits").isTrue();
			assertThat(app.process().exitValue()).isNotZero();
			assertThat(app.output())
				.contains("The libSQL server at " + sqld.server().url() + " refused TURSO_AUTH_TOKEN")
				.doesNotContain(foreign);
		}
	}

	private void writeDotEnv(String url, String authToken) throws IOException {
		Files.writeString(this.workingDirectory.resolve(".env"),
				"TURSO_DATABASE_URL=" + url + "\nTURSO_AUTH_TOKEN=" + authToken + "\n");
	}

}
