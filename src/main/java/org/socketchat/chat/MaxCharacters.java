package org.socketchat.chat;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** The text has at most {@link #value()} characters, counted as code points like the content. */
@Documented
@Constraint(validatedBy = MaxCharactersValidator.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface MaxCharacters {

	int value();

	String message() default "must be at most {max} characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
