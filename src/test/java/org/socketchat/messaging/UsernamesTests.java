package org.socketchat.messaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UsernamesTests {

	@Test
	void aNameIsTrimmed() {
		assertThat(Usernames.resolve("  alice ")).isEqualTo("alice");
	}

	@Test
	void noNameOrABlankOneMakesAGuest() {
		assertThat(Usernames.resolve(null)).matches("guest-\\d{4}");
		assertThat(Usernames.resolve("   ")).matches("guest-\\d{4}");
	}

	@Test
	void thirtyTwoCharactersAreAllowedAndThirtyThreeAreNot() {
		assertThat(Usernames.resolve("x".repeat(32))).hasSize(32);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Usernames.resolve("x".repeat(33)))
			.withMessage("username must be at most 32 characters");
	}

	@Test
	void controlCharactersAreRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Usernames.resolve("al\u0007ice"))
			.withMessageContaining("control, formatting or invisible characters (found U+0007)");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			right-to-left override     | evil\\u202Egnp.exe  | U+202E
			left-to-right embedding    | a\\u202Ab           | U+202A
			first strong isolate       | a\\u2068b           | U+2068
			pop directional isolate    | ab\\u2069           | U+2069
			zero-width space           | ad\\u200Bmin        | U+200B
			zero-width joiner          | ad\\u200Dmin        | U+200D
			byte order mark            | \\uFEFFadmin        | U+FEFF
			soft hyphen                | ad\\u00ADmin        | U+00AD
			Hangul filler              | admin\\u3164        | U+3164
			Braille blank              | \\u2800             | U+2800
			no-break space, leading    | \\u00A0admin        | U+00A0
			ideographic space, inside  | ad\\u3000min        | U+3000
			em space, trailing         | admin\\u2003        | U+2003
			line separator             | ad\\u2028min        | U+2028
			private use                | ad\\uE000min        | U+E000
			""")
	void namesThatHideOrFakeTextAreRefused(String name, String escaped, String codePoint) {
		String username = unescape(escaped);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Usernames.resolve(username))
			.withMessageContaining(codePoint);
	}

	@Test
	void aNameIsNormalisedToNfcAndCountedInCharacters() {
		assertThat(Usernames.resolve("Zoe\u0301")).isEqualTo("Zo\u00E9");
		String emoji = "😀".repeat(32);
		assertThat(Usernames.resolve(emoji)).isEqualTo(emoji);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Usernames.resolve(emoji + "😀"));
	}

	@Test
	void plainSpacesInsideANameAndAccentsAndScriptsAreFine() {
		assertThat(Usernames.resolve("Ana María")).isEqualTo("Ana María");
		assertThat(Usernames.resolve("Łukasz 李 Ωμέγα")).isEqualTo("Łukasz 李 Ωμέγα");
		assertThat(Usernames.resolve("🇺🇦 nadia")).isEqualTo("🇺🇦 nadia");
	}

	private static String unescape(String escaped) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < escaped.length(); i++) {
			if (escaped.startsWith("\\u", i)) {
				text.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
				i += 5;
			}
			else {
				text.append(escaped.charAt(i));
			}
		}
		return text.toString();
	}

}
