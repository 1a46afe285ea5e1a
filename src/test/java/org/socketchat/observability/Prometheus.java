package org.socketchat.observability;

import org.socketchat.TestChatServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** One scrape of {@code /actuator/prometheus}, read as a Prometheus server would. */
record Prometheus(String text) {

	static Prometheus scrape(TestChatServer server) {
		var response = server.get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		return new Prometheus(response.body());
	}

	/** The sample of this series, its labels exactly as written, e.g. {@code x{code="A"}}. */
	double value(String series) {
		Double value = find(series);
		if (value == null) {
			fail("no sample " + series + " in the scrape");
		}
		return value;
	}

	double valueOrZero(String series) {
		Double value = find(series);
		return (value != null) ? value : 0;
	}

	private Double find(String series) {
		String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
		String labels = series.contains("{") ? series.substring(series.indexOf('{') + 1, series.length() - 1) : "";
		for (String line : this.text.lines().toList()) {
			if (line.startsWith("#") || !(line.startsWith(name + " ") || line.startsWith(name + "{"))) {
				continue;
			}
			String head = line.substring(0, line.lastIndexOf(' '));
			if (head.equals(name) || (head.startsWith(name + "{") && head.contains(labels))) {
				return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return null;
	}

}
