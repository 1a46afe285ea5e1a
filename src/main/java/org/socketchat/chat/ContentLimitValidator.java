package org.socketchat.chat;

class ContentLimitValidator extends CodePointLimitValidator<WithinContentLimit> {

	ContentLimitValidator(ChatProperties properties) {
		limitTo(properties.maxContentLength());
	}

}
