package org.socketchat.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options of one scenario. Every option a scenario reads is marked
 * used; {@link #rejectUnused()} then fails on a typo instead of silently running defaults.
 */
public final class Options {

	private final Map<String, String> values = new HashMap<>();

	private final Set<String> used = new HashSet<>();

	public Options(List<String> args) {
		for (int i = 0; i < args.size(); i++) {
			String name = args.get(i);
			if (!name.startsWith("--")) {
				throw new IllegalArgumentException("expected --name value, got " + name);
			}
			boolean hasValue = i + 1 < args.size() && !args.get(i + 1).startsWith("--");
			this.values.put(name.substring(2), hasValue ? args.get(++i) : "true");
		}
	}

	public String string(String name, String fallback) {
		this.used.add(name);
		return this.values.getOrDefault(name, fallback);
	}

	public int integer(String name, int fallback) {
		String value = string(name, null);
		return (value != null) ? Integer.parseInt(value.replace("_", "")) : fallback;
	}

	public double decimal(String name, double fallback) {
		String value = string(name, null);
		return (value != null) ? Double.parseDouble(value) : fallback;
	}

	/** A comma-separated list such as {@code --rates 500,1000,2000}. */
	public List<Integer> integers(String name, List<Integer> fallback) {
		String value = string(name, null);
		if (value == null) {
			return fallback;
		}
		List<Integer> list = new ArrayList<>();
		for (String part : value.split(",")) {
			list.add(Integer.parseInt(part.strip().replace("_", "")));
		}
		return list;
	}

	public List<String> strings(String name, List<String> fallback) {
		String value = string(name, null);
		return (value != null) ? Arrays.stream(value.split(",")).map(String::strip).toList() : fallback;
	}

	/** Alternatives separated by {@code |}, each space-separated words; one empty one if absent. */
	public List<List<String>> alternatives(String name) {
		String value = string(name, "");
		return Arrays.stream(value.split("\\|", -1))
			.map((words) -> words.isBlank() ? List.<String>of() : List.of(words.strip().split("\\s+")))
			.toList();
	}

	public boolean has(String name) {
		this.used.add(name);
		return this.values.containsKey(name);
	}

	/** Marks options read elsewhere (the command line's common ones) as used. */
	public Options markUsed(List<String> names) {
		this.used.addAll(names);
		return this;
	}

	public void rejectUnused() {
		Set<String> unknown = new HashSet<>(this.values.keySet());
		unknown.removeAll(this.used);
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("unknown option(s) for this scenario: --" + String.join(", --", unknown));
		}
	}

}
