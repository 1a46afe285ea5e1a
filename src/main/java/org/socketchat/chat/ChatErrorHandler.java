package org.socketchat.chat;

import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.socketchat.messaging.ChatPrincipal;

import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The one path for a chat frame that fails: a {@link ChatError} on
 * {@code /user/queue/errors} to the sending session only, whose connection stays open.
 * Frames that cannot be read fail while handled; a database failure comes later, from
 * the writer.
 */
@ControllerAdvice
class ChatErrorHandler {

	static final String ERROR_QUEUE = "/queue/errors";

	private static final Log logger = LogFactory.getLog(ChatErrorHandler.class);

	private final SimpMessagingTemplate messaging;

	ChatErrorHandler(SimpMessagingTemplate messaging) {
		this.messaging = messaging;
	}

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

	/** The principal name is the session's own, so this reaches that session alone. */
	void notStored(ChatPrincipal sender, String clientId, Exception failure) {
		boolean busy = failure instanceof RejectedExecutionException;
		logger.warn("Message not stored: " + failure.getMessage());
		String message = busy ? "the server is too busy, please retry" : "message could not be stored, please retry";
		this.messaging.convertAndSendToUser(sender.getName(), ERROR_QUEUE,
				new ChatError(ChatError.NOT_STORED, message, clientId));
	}

}
