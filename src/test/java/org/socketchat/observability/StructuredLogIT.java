package org.socketchat.observability;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketchat.RunningJar;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The fat jar with Spring Boot's structured logging: the request log is JSON like the rest. */
class StructuredLogIT {

	@TempDir
	Path directory;

	@Test
	void withEcsLoggingEveryRequestIsAJsonLine() throws Exception {
		try (RunningJar jar = RunningJar.start(this.directory,
				"--chat.storage.file=" + this.directory.resolve("chat.db"), "--logging.structured.format.console=ecs")) {
			assertThat(jar.get("/api/messages?limit=3").statusCode()).isEqualTo(200);

			JsonNode request = null;
			for (int attempt = 0; attempt < 50 && request == null; attempt++) {
				request = jar.output()
					.lines()
					.filter((line) -> line.startsWith("{") && line.contains("GET /api/messages 200"))
					.map(JsonMapper.shared()::readTree)
					.findFirst()
					.orElse(null);
				Thread.sleep(100);
			}
			assertThat(request).as("a JSON line for the request").isNotNull();
			assertThat(request.get("log").get("logger").asString()).isEqualTo("socketchat.access");
			assertThat(request.get("message").asString()).matches("GET /api/messages 200 \\d+ ms \\d+ B 127\\.0\\.0\\.1");
		}
	}

}
