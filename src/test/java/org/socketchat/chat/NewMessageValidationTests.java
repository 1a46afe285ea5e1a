package org.socketchat.chat;

import java.util.Set;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;

import static org.assertj.core.api.Assertions.assertThat;

class NewMessageValidationTests {

	private final Validator validator = validatorWithLimit(10);

	@Test
	void contentIsTrimmed() {
		assertThat(new NewMessage("  hi there \n", null).content()).isEqualTo("hi there");
		assertThat(new NewMessage(null, null).content()).isNull();
	}

	@Test
	void aMessageWithinTheLimitIsValid() {
		assertThat(violations(new NewMessage("  0123456789  ", "x".repeat(64)))).isEmpty();
	}

	@Test
	void theLimitCountsCharactersNotUtf16Units() {
		assertThat(violations(new NewMessage("😀".repeat(10), null))).isEmpty();
		assertThat(violations(new NewMessage("😀".repeat(11), null)))
			.containsExactly("content must be at most 10 characters");
	}

	@Test
	void blankOrMissingContentIsInvalid() {
		assertThat(violations(new NewMessage(" \t\n ", null))).containsExactly("content must not be blank");
		assertThat(violations(new NewMessage(null, null))).containsExactly("content must not be blank");
	}

	@Test
	void tooLongContentOrClientIdIsInvalid() {
		assertThat(violations(new NewMessage("01234567890", "x".repeat(65)))).containsExactlyInAnyOrder(
				"content must be at most 10 characters", "clientId must be at most 64 characters");
	}

	@Test
	void theClientIdLimitCountsCharactersNotUtf16Units() {
		assertThat(violations(new NewMessage("hi", "😀".repeat(64)))).isEmpty();
		assertThat(violations(new NewMessage("hi", "😀".repeat(65))))
			.containsExactly("clientId must be at most 64 characters");
	}

	@Test
	void aBlankClientIdIsNone() {
		assertThat(new NewMessage("hi", "").clientId()).isNull();
		assertThat(new NewMessage("hi", " \t\n ").clientId()).isNull();
		assertThat(new NewMessage("hi", null).clientId()).isNull();
		assertThat(new NewMessage("hi", " k ").clientId()).as("a key is kept exactly").isEqualTo(" k ");
	}

	private Set<String> violations(NewMessage message) {
		Set<ConstraintViolation<NewMessage>> violations = this.validator.validate(message);
		return violations.stream()
			.map((v) -> v.getPropertyPath() + " " + v.getMessage())
			.collect(java.util.stream.Collectors.toSet());
	}

	private static Validator validatorWithLimit(int max) {
		ChatProperties limit = new ChatProperties(max, new ChatProperties.GroupCommit(true, 500, 10_000));
		ConstraintValidatorFactory defaults = Validation.buildDefaultValidatorFactory().getConstraintValidatorFactory();
		ConstraintValidatorFactory factory = new ConstraintValidatorFactory() {
			@Override
			public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
				if (key == ContentLimitValidator.class) {
					return key.cast(new ContentLimitValidator(limit));
				}
				// As Spring's factory does: our validators are package-private.
				return key.getName().startsWith("org.socketchat.") ? BeanUtils.instantiateClass(key)
						: defaults.getInstance(key);
			}

			@Override
			public void releaseInstance(ConstraintValidator<?, ?> instance) {
			}
		};
		return Validation.byDefaultProvider().configure().constraintValidatorFactory(factory).buildValidatorFactory()
			.getValidator();
	}

}
