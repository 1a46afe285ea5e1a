package org.socketchat.chat;

import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The one path for a chat frame that fails: a {@link ChatError} to the sending session
 * only, whose connection stays open.
 */
@ControllerAdvice
class ChatErrorHandler {

	static final String ERROR_QUEUE = "/queue/errors";

	private static final Log logger = LogFactory.getLog(ChatErrorHandler.class);

	@MessageExceptionHandler
	@SendToUser(destinations = ERROR_QUEUE, broadcast = false)
	ChatError invalid(MethodArgumentNotValidException ex) {
		BindingResult result = ex.getBindingResult();
		String clientId = (result != null && result.getTarget() instanceof NewMessage message) ? message.clientId()
				: null;
		String reasons = (result != null) ? result.getFieldErrors()
			.stream()
			.map((error) -> error.getField() + " " + error.getDefaultMessage())
			.sorted()
			.collect(Collectors.joining("; ")) : "invalid message";
		return new ChatError(ChatError.INVALID_MESSAGE, reasons, clientId);
	}

	@MessageExceptionHandler
	@SendToUser(destinations = ERROR_QUEUE, broadcast = false)
	ChatError malformed(MessageConversionException ex) {
		return new ChatError(ChatError.MALFORMED_FRAME,
				"body must be a JSON object {\"content\": string, \"clientId\": string}", null);
	}

	@MessageExceptionHandler
	@SendToUser(destinations = ERROR_QUEUE, broadcast = false)
	ChatError notStored(MessageNotStoredException ex) {
		logger.warn("Message not stored: " + ex.getCause().getMessage());
		return new ChatError(ChatError.NOT_STORED, ex.getMessage(), ex.clientId());
	}

}
