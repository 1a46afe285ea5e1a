package org.socketchat.chat;

class MaxCharactersValidator extends CodePointLimitValidator<MaxCharacters> {

	@Override
	public void initialize(MaxCharacters annotation) {
		limitTo(annotation.value());
	}

}
