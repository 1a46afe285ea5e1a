package org.socketchat.bench.scenario;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StartupScenarioTests {

	@TempDir
	Path dir;

	@Test
	void tellsAJarBuiltWithSpringAotFromOneWithout() throws IOException {
		Path aot = jar("aot.jar",
				"BOOT-INF/classes/org/socketchat/SocketChatApplication__ApplicationContextInitializer.class");
		Path plain = jar("plain.jar", "BOOT-INF/classes/org/socketchat/SocketChatApplication.class");
		assertThat(StartupScenario.hasSpringAot(aot)).isTrue();
		assertThat(StartupScenario.hasSpringAot(plain)).isFalse();
	}

	@Test
	void everyDefaultModeIsOneTheScenarioKnows() {
		for (String mode : StartupScenario.MODES.split(",")) {
			assertThat(Launch.parse(mode).name()).isEqualTo(mode);
		}
	}

	private Path jar(String name, String entry) throws IOException {
		Path jar = this.dir.resolve(name);
		try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry(entry));
			zip.closeEntry();
		}
		return jar;
	}

}
