package org.socketchat.bench.measure;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TableTests {

	@Test
	void printsAnAlignedMarkdownTableWithNotes() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		new Table("fan-out", "rate", "p99 ms", "pass").row(2000, 12.345, "yes")
			.row(250, null, "NO")
			.note("machine was busy")
			.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
		assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("### fan-out")
			.contains("|  rate | p99 ms | pass |")
			.contains("| 2,000 |  12.35 |  yes |")
			.contains("|   250 |      - |   NO |")
			.contains("- machine was busy");
	}

	@Test
	void formatsNumbersForReading() {
		assertThat(Table.format(1234567L)).isEqualTo("1,234,567");
		assertThat(Table.format(3.0)).isEqualTo("3");
		assertThat(Table.format(0.456)).isEqualTo("0.46");
		assertThat(Table.format(4321.7)).isEqualTo("4,322");
	}

	@Test
	void refusesARowOfTheWrongWidth() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Table("t", "a", "b").row(1));
	}

}
