package org.socketchat.chat;

import java.security.Principal;
import java.util.stream.Collectors;

import org.socketchat.messaging.ClientError;
import org.socketchat.messaging.ErrorCode;
import org.socketchat.messaging.ErrorQueue;

import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Chat frames that cannot be read or break a rule: a {@link ClientError} on
 * {@code /user/queue/errors} to the sending session only, whose connection stays open.
 * What becomes of a valid frame is answered later, by {@link SendReplies}.
 */
@ControllerAdvice
class ChatErrorHandler {

	private final ErrorQueue errors;

	ChatErrorHandler(ErrorQueue errors) {
		this.errors = errors;
	}

	@MessageExceptionHandler
	void invalid(MethodArgumentNotValidException ex, Principal sender) {
		BindingResult result = ex.getBindingResult();
		String clientId = (result != null && result.getTarget() instanceof NewMessage message) ? message.clientId()
				: null;
		String reasons = (result != null) ? result.getFieldErrors()
			.stream()
			.map((error) -> error.getField() + " " + error.getDefaultMessage())
			.sorted()
			.collect(Collectors.joining("; ")) : "invalid message";
		this.errors.send(sender, new ClientError(ErrorCode.INVALID_MESSAGE, reasons, clientId));
	}

	@MessageExceptionHandler
	void malformed(MessageConversionException ex, Principal sender) {
		this.errors.send(sender, new ClientError(ErrorCode.MALFORMED_FRAME,
				"body must be a JSON object {\"content\": string, \"clientId\": string}", null));
	}

}
