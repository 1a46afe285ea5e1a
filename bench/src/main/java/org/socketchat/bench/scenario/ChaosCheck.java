package org.socketchat.bench.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a chaos run must end with, checked against the database's own rows: every
 * acknowledged send stored exactly once under the id it was acknowledged with, no
 * (username, clientId) stored twice, and every client's final view equal to the database.
 *
 * @param stored rows in the database
 * @param acknowledged distinct (username, clientId) pairs the clients saw acknowledged
 * @param lost acknowledged sends with no row, or whose row has another id
 * @param duplicated rows beyond the first for one (username, clientId), plus acknowledgements
 * of one send under more than one id
 * @param viewsDiffering clients whose final view is not exactly the database's rows
 * @param problems the first few problems, each in words
 */
record ChaosCheck(long stored, long acknowledged, long lost, long duplicated, long viewsDiffering,
		List<String> problems) {

	private static final int MOST_PROBLEMS = 10;

	/** One acknowledgement a client saw: its own broadcast copy, or the reply to a retry. */
	record Ack(String username, String clientId, long id) {
	}

	boolean passed() {
		return this.lost == 0 && this.duplicated == 0 && this.viewsDiffering == 0;
	}

	/**
	 * @param rows the database's rows in id order
	 * @param acks every acknowledgement every client saw (a send may be acknowledged twice)
	 * @param views each client's final view in id order, after its last catch-up
	 */
	static ChaosCheck of(List<StoredMessage> rows, List<Ack> acks, List<List<StoredMessage>> views) {
		List<String> problems = new ArrayList<>();
		Map<Key, List<Long>> storedIds = new HashMap<>();
		for (StoredMessage row : rows) {
			if (row.clientId() != null) {
				storedIds.computeIfAbsent(new Key(row.username(), row.clientId()), (k) -> new ArrayList<>())
					.add(row.id());
			}
		}
		long duplicated = 0;
		for (Map.Entry<Key, List<Long>> entry : storedIds.entrySet()) {
			if (entry.getValue().size() > 1) {
				duplicated += entry.getValue().size() - 1;
				note(problems, entry.getKey() + " stored " + entry.getValue().size() + " times, ids " + entry.getValue());
			}
		}
		Map<Key, Set<Long>> ackedIds = new HashMap<>();
		for (Ack ack : acks) {
			ackedIds.computeIfAbsent(new Key(ack.username(), ack.clientId()), (k) -> new HashSet<>()).add(ack.id());
		}
		long lost = 0;
		for (Map.Entry<Key, Set<Long>> entry : ackedIds.entrySet()) {
			Set<Long> ids = entry.getValue();
			if (ids.size() > 1) {
				duplicated += ids.size() - 1;
				note(problems, entry.getKey() + " acknowledged under ids " + ids);
			}
			List<Long> stored = storedIds.getOrDefault(entry.getKey(), List.of());
			if (!stored.containsAll(ids)) {
				lost++;
				note(problems, entry.getKey() + " acknowledged as " + ids + " but stored as " + stored);
			}
		}
		long viewsDiffering = 0;
		for (int client = 0; client < views.size(); client++) {
			String difference = difference(views.get(client), rows);
			if (difference != null) {
				viewsDiffering++;
				note(problems, "client " + client + "'s view differs from the database: " + difference);
			}
		}
		return new ChaosCheck(rows.size(), ackedIds.size(), lost, duplicated, viewsDiffering, problems);
	}

	/** The first difference between a view and the rows, or {@code null} when they are equal. */
	static String difference(List<StoredMessage> view, List<StoredMessage> rows) {
		for (int i = 0; i < Math.min(view.size(), rows.size()); i++) {
			if (!view.get(i).equals(rows.get(i))) {
				return "at position " + i + " it has " + view.get(i) + ", the database " + rows.get(i);
			}
		}
		if (view.size() != rows.size()) {
			return view.size() + " messages, the database " + rows.size()
					+ ((view.size() < rows.size()) ? "; first missing: " + rows.get(view.size())
							: "; first extra: " + view.get(rows.size()));
		}
		return null;
	}

	private static void note(List<String> problems, String problem) {
		if (problems.size() < MOST_PROBLEMS) {
			problems.add(problem);
		}
	}

	private record Key(String username, String clientId) {

		@Override
		public String toString() {
			return "(" + this.username + ", " + this.clientId + ")";
		}

	}

}
