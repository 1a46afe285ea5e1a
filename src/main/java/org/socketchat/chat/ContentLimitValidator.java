package org.socketchat.chat;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

class ContentLimitValidator implements ConstraintValidator<WithinContentLimit, String> {

	private final int max;

	ContentLimitValidator(ChatProperties properties) {
		this.max = properties.maxContentLength();
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
