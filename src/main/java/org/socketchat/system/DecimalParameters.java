package org.socketchat.system;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Whole-number request parameters are decimal digits only. Spring would also read
 * {@code 0x10} and {@code #10} as 16 and trim spaces (its conversion, and the number
 * editor it falls back to, both do): an id in another form is a client bug to report, not
 * to guess at. A custom editor is consulted before either.
 */
@ControllerAdvice
class DecimalParameters {

	private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

	@InitBinder
	void decimalOnly(WebDataBinder binder) {
		binder.registerCustomEditor(Long.class, new DecimalEditor(Long::valueOf));
		binder.registerCustomEditor(long.class, new DecimalEditor(Long::valueOf));
		binder.registerCustomEditor(Integer.class, new DecimalEditor(Integer::valueOf));
		binder.registerCustomEditor(int.class, new DecimalEditor(Integer::valueOf));
	}

	private static final class DecimalEditor extends PropertyEditorSupport {

		private final Function<String, Number> parse;

		DecimalEditor(Function<String, Number> parse) {
			this.parse = parse;
		}

		@Override
		public void setAsText(String text) {
			if (text == null || text.isEmpty()) {
				setValue(null);
			}
			else if (DECIMAL.matcher(text).matches()) {
				setValue(this.parse.apply(text));
			}
			else {
				throw new IllegalArgumentException("'" + text + "' is not a decimal integer");
			}
		}

	}

}
