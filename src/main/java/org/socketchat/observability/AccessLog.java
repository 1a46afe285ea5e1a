package org.socketchat.observability;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;

/**
 * Jetty's request log, written through the application's logging instead of a file: one
 * console line per HTTP request (page, assets, REST, SockJS, WebSocket handshakes) that
 * {@code logging.structured.format.console} turns into JSON like every other line. The
 * path is logged without its query string, which could carry a secret. Jetty's own
 * {@code CustomRequestLog} has no code for the body's size, hence a log of our own.
 */
final class AccessLog implements RequestLog {

	private static final Log logger = LogFactory.getLog("socketchat.access");

	/**
	 * Method, path, status, duration, body bytes sent and the client's address: behind a
	 * proxy, the one its forwarded headers name ({@code server.forward-headers-strategy=native}).
	 */
	@Override
	public void log(Request request, Response response) {
		if (logger.isInfoEnabled()) {
			logger.info(request.getMethod() + " " + request.getHttpURI().getPath() + " " + response.getStatus() + " "
					+ NanoTime.millisSince(request.getBeginNanoTime()) + " ms " + Response.getContentBytesWritten(response)
					+ " B " + Request.getRemoteAddr(request));
		}
	}

}
