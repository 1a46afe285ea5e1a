package org.socketchat.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers that keep the page safe on the open internet, on every HTTP response. The page
 * runs only scripts and styles from this server (its user text goes through
 * {@code textContent}, and an injected script would not run either), may not be framed,
 * and sends no referrer. The REST API, Actuator and SockJS get the same headers: a browser
 * ignores a policy on JSON, while nosniff and refused framing still protect a response
 * opened directly. SockJS's {@code /sockjs/iframe.html} is refused framing too: only pages
 * of other origins use it, and SockJS lets no other origin in; the page's own transports
 * (WebSocket, XHR streaming and polling) need no frame.
 */
@Component
class SecurityHeadersFilter extends OncePerRequestFilter {

	// 'self' covers the same-origin ws: connection too (CSP level 3). No 'unsafe-inline'
	// anywhere: the page sets styles through the CSSOM only, which the policy allows.
	private static final String FRAME_OPTIONS = "X-Frame-Options";

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		// For browsers that predate frame-ancestors.
		response.setHeader(FRAME_OPTIONS, "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		chain.doFilter(request, new KeepFrameOptions(response));
	}

	/** SockJS adds {@code SAMEORIGIN} to its iframe page; two values would be a conflict. */
	private static final class KeepFrameOptions extends HttpServletResponseWrapper {

		KeepFrameOptions(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setHeader(String name, String value) {
			if (!FRAME_OPTIONS.equalsIgnoreCase(name)) {
				super.setHeader(name, value);
			}
		}

		@Override
		public void addHeader(String name, String value) {
			if (!FRAME_OPTIONS.equalsIgnoreCase(name)) {
				super.addHeader(name, value);
			}
		}

	}

}
