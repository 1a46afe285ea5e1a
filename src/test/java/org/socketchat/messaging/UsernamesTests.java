package org.socketchat.messaging;

import org.junit.jupiter.api.Test;

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
			.withMessageContaining("control characters");
	}

}
