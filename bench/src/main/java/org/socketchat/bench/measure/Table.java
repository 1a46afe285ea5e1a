package org.socketchat.bench.measure;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A titled plain-text table with aligned columns, also valid as a Markdown table. */
public final class Table {

	private final String title;

	private final List<String> columns;

	private final List<List<String>> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	public Table(String title, String... columns) {
		this.title = title;
		this.columns = List.of(columns);
	}

	/** Numbers are printed with up to two decimals; {@code null} as a dash. */
	public Table row(Object... cells) {
		if (cells.length != this.columns.size()) {
			throw new IllegalArgumentException(cells.length + " cells for " + this.columns.size() + " columns");
		}
		this.rows.add(Arrays.stream(cells).map(Table::format).toList());
		return this;
	}

	/** A line printed under the table (what a figure means, why a row is missing). */
	public Table note(String note) {
		this.notes.add(note);
		return this;
	}

	static String format(Object cell) {
		if (cell == null) {
			return "-";
		}
		if (cell instanceof Double || cell instanceof Float) {
			double value = ((Number) cell).doubleValue();
			if (value == Math.rint(value) && Math.abs(value) < 1e15) {
				return String.format(Locale.ROOT, "%,d", (long) value);
			}
			return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : "%.2f", value);
		}
		if (cell instanceof Long || cell instanceof Integer) {
			return String.format(Locale.ROOT, "%,d", ((Number) cell).longValue());
		}
		return cell.toString();
	}

	public void print(PrintStream out) {
		int[] widths = new int[this.columns.size()];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = this.columns.get(i).length();
			for (List<String> row : this.rows) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		out.println();
		out.println("### " + this.title);
		out.println();
		printRow(out, this.columns, widths);
		StringBuilder rule = new StringBuilder("|");
		for (int width : widths) {
			rule.append('-').append("-".repeat(width)).append("-|");
		}
		out.println(rule);
		this.rows.forEach((row) -> printRow(out, row, widths));
		if (!this.notes.isEmpty()) {
			out.println();
			this.notes.forEach((note) -> out.println("- " + note));
		}
	}

	private static void printRow(PrintStream out, List<String> cells, int[] widths) {
		StringBuilder line = new StringBuilder("|");
		for (int i = 0; i < cells.size(); i++) {
			String cell = cells.get(i);
			line.append(' ').append(" ".repeat(widths[i] - cell.length())).append(cell).append(" |");
		}
		out.println(line);
	}

}
