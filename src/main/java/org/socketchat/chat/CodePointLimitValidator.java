package org.socketchat.chat;

import java.lang.annotation.Annotation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * A limit on text counted in characters as people count them: Unicode code points, so an
 * emoji is one character, not the two UTF-16 units {@code @Size} would count. The
 * message gets the limit as {@code {max}}.
 */
abstract class CodePointLimitValidator<A extends Annotation> implements ConstraintValidator<A, String> {

	private int max;

	/** Set once, before the first {@link #isValid}. */
	final void limitTo(int max) {
		this.max = max;
	}

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		if (value == null || value.codePointCount(0, value.length()) <= this.max) {
			return true;
		}
		context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("max", this.max);
		return false;
	}

}
