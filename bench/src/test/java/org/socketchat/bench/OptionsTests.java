package org.socketchat.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OptionsTests {

	@Test
	void readsTypedValuesListsAndDefaults() {
		Options options = new Options(List.of("--subscribers", "500", "--rates", "250, 1_000", "--quick",
				"--app-jvm-args", "-Xmx512m -XX:+UseSerialGC"));
		assertThat(options.integer("subscribers", 100)).isEqualTo(500);
		assertThat(options.integers("rates", List.of())).containsExactly(250, 1000);
		assertThat(options.has("quick")).isTrue();
		assertThat(options.alternatives("app-jvm-args")).containsExactly(List.of("-Xmx512m", "-XX:+UseSerialGC"));
		assertThat(options.decimal("duration", 10)).isEqualTo(10);
		options.rejectUnused();
	}

	@Test
	void alternativesAreSeparatedByBarsAndMayBeEmpty() {
		Options options = new Options(List.of("--app-jvm-args", "-Da=1 -Db=2|| -Da=3 "));
		assertThat(options.alternatives("app-jvm-args")).containsExactly(List.of("-Da=1", "-Db=2"), List.of(),
				List.of("-Da=3"));
		assertThat(new Options(List.of()).alternatives("app-jvm-args")).containsExactly(List.of());
	}

	@Test
	void aMistypedOptionFailsInsteadOfRunningDefaults() {
		Options options = new Options(List.of("--subscriber", "500"));
		options.integer("subscribers", 100);
		assertThatIllegalArgumentException().isThrownBy(options::rejectUnused).withMessageContaining("--subscriber");
	}

	@Test
	void aValueWithoutItsNameIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Options(List.of("fanout")));
	}

}
