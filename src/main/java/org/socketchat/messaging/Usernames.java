package org.socketchat.messaging;

import java.text.Normalizer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The rules for the display name a client asks for in its CONNECT frame. A name must
 * look like what it is: nothing that hides, reorders or fakes text (bidi controls,
 * zero-width and other format characters, fillers that render as nothing, odd spaces)
 * is accepted, so {@code evil\u202Egnp.exe} cannot pass for {@code evilexe.png}.
 */
final class Usernames {

	static final int MAX_LENGTH = 32;

	private Usernames() {
	}

	/**
	 * @param requested the {@code username} header, possibly absent
	 * @return the name in NFC without surrounding ASCII spaces, or a {@code guest-NNNN}
	 * name when none was given
	 * @throws IllegalArgumentException when the name breaks a rule, with a message fit to
	 * show the client
	 */
	static String resolve(String requested) {
		String name = (requested != null) ? Normalizer.normalize(requested, Normalizer.Form.NFC).trim() : "";
		if (name.isEmpty()) {
			return "guest-%04d".formatted(ThreadLocalRandom.current().nextInt(10_000));
		}
		if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
			throw new IllegalArgumentException("username must be at most " + MAX_LENGTH + " characters");
		}
		name.codePoints().filter(Usernames::isHidden).findFirst().ifPresent((hidden) -> {
			throw new IllegalArgumentException("username must not contain control, formatting or invisible "
					+ "characters (found U+%04X)".formatted(hidden));
		});
		return name;
	}

	private static boolean isHidden(int codePoint) {
		return switch (Character.getType(codePoint)) {
			case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
					Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
				true;
			// Only the plain space: the others look alike and some are invisible.
			case Character.SPACE_SEPARATOR -> codePoint != ' ';
			default -> isBlankLetter(codePoint);
		};
	}

	/** Letters and marks that render as nothing: Hangul fillers, Braille blank, CGJ. */
	private static boolean isBlankLetter(int codePoint) {
		return codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0
				|| codePoint == 0x2800 || codePoint == 0x034F;
	}

}
