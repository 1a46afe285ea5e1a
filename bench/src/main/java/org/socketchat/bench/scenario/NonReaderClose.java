package org.socketchat.bench.scenario;

/**
 * How the server ended one non-reading subscriber's session.
 *
 * @param closedAtSeconds when the server's end of the TCP connection left ESTABLISHED,
 * seconds after the load started (polled every 100 ms); {@code null} if it never did
 * @param status the close status the client read once it read again: the close frame's
 * code, {@code "EOF, no close frame"}, {@code "reset"}, or {@code "still open"}
 * @param closeReason the client's whole account of the end (the close frame's reason too)
 * @param readLate chat messages it read once it read again: what the kernel and the server held for it
 */
record NonReaderClose(String username, Double closedAtSeconds, String status, String closeReason, long readLate) {

	private static final String CLOSE_FRAME = "closed by server: ";

	/** The close status in the client's close reason ({@code StompClient#closeReason()}). */
	static String status(String closeReason) {
		if (closeReason == null) {
			return "still open";
		}
		if (closeReason.startsWith(CLOSE_FRAME)) {
			String rest = closeReason.substring(CLOSE_FRAME.length());
			int space = rest.indexOf(' ');
			return (space < 0) ? rest : rest.substring(0, space);
		}
		if (closeReason.contains("end of stream")) {
			return "EOF, no close frame";
		}
		if (closeReason.toLowerCase().contains("reset")) {
			return "reset";
		}
		return closeReason;
	}

}
