package org.socketchat.chat;

import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.socketchat.messaging.ChatPrincipal;
import org.socketchat.messaging.ClientError;
import org.socketchat.messaging.ErrorCode;
import org.socketchat.messaging.ErrorQueue;

import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The one path for a chat frame that fails: a {@link ClientError} on
 * {@code /user/queue/errors} to the sending session only, whose connection stays open.
 * Frames that cannot be read fail while handled; a database failure comes later, from
 * the writer.
 */
@ControllerAdvice
class ChatErrorHandler {

	private static final Log logger = LogFactory.getLog(ChatErrorHandler.class);

	private final ErrorQueue errors;

	ChatErrorHandler(ErrorQueue errors) {
		this.errors = errors;
	}

	@MessageExceptionHandler
	@SendToUser(destinations = ErrorQueue.DESTINATION, broadcast = false)
	ClientError invalid(MethodArgumentNotValidException ex) {
		BindingResult result = ex.getBindingResult();
		String clientId = (result != null && result.getTarget() instanceof NewMessage message) ? message.clientId()
				: null;
		String reasons = (result != null) ? result.getFieldErrors()
			.stream()
			.map((error) -> error.getField() + " " + error.getDefaultMessage())
			.sorted()
			.collect(Collectors.joining("; ")) : "invalid message";
		return new ClientError(ErrorCode.INVALID_MESSAGE, reasons, clientId);
	}

	@MessageExceptionHandler
	@SendToUser(destinations = ErrorQueue.DESTINATION, broadcast = false)
	ClientError malformed(MessageConversionException ex) {
		return new ClientError(ErrorCode.MALFORMED_FRAME,
				"body must be a JSON object {\"content\": string, \"clientId\": string}", null);
	}

	/** The principal name is the session's own, so this reaches that session alone. */
	void notStored(ChatPrincipal sender, String clientId, Exception failure) {
		boolean busy = failure instanceof RejectedExecutionException;
		logger.warn("Message not stored: " + failure.getMessage());
		String message = busy ? "the server is too busy, please retry" : "message could not be stored, please retry";
		this.errors.send(sender, new ClientError(ErrorCode.NOT_STORED, message, clientId));
	}

}
