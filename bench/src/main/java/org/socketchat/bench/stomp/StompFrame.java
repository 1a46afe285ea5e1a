package org.socketchat.bench.stomp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One STOMP 1.2 frame. Headers stay as their raw text block and are looked up on demand:
 * a subscriber at hundreds of thousands of frames per second reads one header at most, so
 * building a map per frame would cost the tool more than it measures.
 *
 * @param command e.g. {@code MESSAGE}, {@code CONNECTED}, {@code ERROR}, {@code RECEIPT}
 * @param headerBlock the header lines, {@code name:value} separated by {@code \n}
 * @param body the text between the blank line and the NUL
 */
public record StompFrame(String command, String headerBlock, String body) {

	/** The first value of the header, decoded (STOMP 1.2 escapes), or {@code null}. */
	public String header(String name) {
		int start = 0;
		while (start < this.headerBlock.length()) {
			int end = this.headerBlock.indexOf('\n', start);
			if (end < 0) {
				end = this.headerBlock.length();
			}
			if (this.headerBlock.startsWith(name, start) && start + name.length() < end
					&& this.headerBlock.charAt(start + name.length()) == ':') {
				return unescape(this.headerBlock.substring(start + name.length() + 1, end));
			}
			start = end + 1;
		}
		return null;
	}

	/**
	 * The frames in one WebSocket text message: none for a heart-beat (a lone EOL), usually
	 * one, several if the server batched them. Tolerates {@code \r\n} line ends.
	 */
	public static List<StompFrame> parse(CharSequence message) {
		String text = message.toString();
		List<StompFrame> frames = new ArrayList<>(1);
		int pos = 0;
		while (pos < text.length()) {
			char c = text.charAt(pos);
			if (c == '\n' || c == '\r') {
				pos++; // a heart-beat, or the EOLs a server may put after a frame's NUL
				continue;
			}
			int commandEnd = lineEnd(text, pos);
			String command = withoutCr(text, pos, commandEnd);
			int headersStart = commandEnd + 1;
			int lineStart = headersStart;
			int lineEnd = lineEnd(text, lineStart);
			while (!isEmptyLine(text, lineStart, lineEnd)) { // each pass moves forward
				lineStart = lineEnd + 1;
				lineEnd = lineEnd(text, lineStart);
			}
			String headers = (lineStart > headersStart) ? text.substring(headersStart, lineStart - 1) : "";
			if (headers.indexOf('\r') >= 0) {
				headers = headers.replace("\r", "");
			}
			int bodyStart = lineEnd + 1;
			// JSON bodies never hold a raw NUL, so the NUL ends the body (content-length not needed).
			int nul = text.indexOf('\0', bodyStart);
			if (nul < 0) {
				throw new IllegalArgumentException("STOMP frame without its closing NUL");
			}
			frames.add(new StompFrame(command, headers, text.substring(bodyStart, nul)));
			pos = nul + 1;
		}
		return frames;
	}

	/** The text of a frame to send; header values are escaped as STOMP 1.2 asks. */
	public static String encode(String command, Map<String, String> headers, String body) {
		StringBuilder frame = new StringBuilder(command.length() + body.length() + 64 * headers.size());
		frame.append(command).append('\n');
		headers.forEach((name, value) -> frame.append(name).append(':').append(escape(value)).append('\n'));
		return frame.append('\n').append(body).append('\0').toString();
	}

	private static int lineEnd(String text, int from) {
		int end = text.indexOf('\n', from);
		if (end < 0) {
			throw new IllegalArgumentException("STOMP frame cut short: no blank line after its headers");
		}
		return end;
	}

	private static boolean isEmptyLine(String text, int start, int end) {
		return end == start || (end == start + 1 && text.charAt(start) == '\r');
	}

	private static String withoutCr(String text, int start, int end) {
		return (end > start && text.charAt(end - 1) == '\r') ? text.substring(start, end - 1)
				: text.substring(start, end);
	}

	private static String escape(String value) {
		if (value.indexOf('\\') < 0 && value.indexOf(':') < 0 && value.indexOf('\n') < 0
				&& value.indexOf('\r') < 0) {
			return value;
		}
		return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace(":", "\\c");
	}

	private static String unescape(String value) {
		if (value.indexOf('\\') < 0) {
			return value;
		}
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length()) {
				char next = value.charAt(++i);
				out.append(switch (next) {
					case 'n' -> '\n';
					case 'r' -> '\r';
					case 'c' -> ':';
					default -> next;
				});
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
