package org.socketchat.bench.measure;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTests {

	@Test
	void smallValuesAreExact() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int v = 1; v <= 100; v++) {
			histogram.record(v);
		}
		assertThat(histogram.percentile(50)).isEqualTo(50);
		assertThat(histogram.percentile(99)).isEqualTo(99);
		assertThat(histogram.percentile(100)).isEqualTo(100);
		assertThat(histogram.min()).isEqualTo(1);
		assertThat(histogram.mean()).isCloseTo(50.5, within(1e-9));
	}

	@Test
	void percentilesOfAWideRangeAreWithinTheBucketPrecision() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int v = 1; v <= 1_000_000; v++) {
			histogram.record(v);
		}
		assertThat((double) histogram.percentile(50)).isCloseTo(500_000, within(500_000 / 64.0));
		assertThat((double) histogram.percentile(95)).isCloseTo(950_000, within(950_000 / 64.0));
		assertThat((double) histogram.percentile(99)).isCloseTo(990_000, within(990_000 / 64.0));
		assertThat(histogram.percentile(100)).isEqualTo(1_000_000);
		assertThat(histogram.max()).isEqualTo(1_000_000);
	}

	@Test
	void aPercentileIsNeverBelowTheValueAtItsRankNorAboveTheMax() {
		Random random = new Random(7);
		LatencyHistogram histogram = new LatencyHistogram();
		long[] values = new long[10_000];
		for (int i = 0; i < values.length; i++) {
			values[i] = (long) Math.exp(random.nextDouble() * 20); // 1 µs .. 8 minutes
			histogram.record(values[i]);
		}
		Arrays.sort(values);
		long p99 = values[(int) Math.ceil(0.99 * values.length) - 1];
		assertThat(histogram.percentile(99)).isBetween(p99, p99 + p99 / 64);
		assertThat(histogram.percentile(99.99)).isLessThanOrEqualTo(histogram.max());
	}

	@Test
	void everyValueFallsInABucketWhoseTopIsAtLeastIt() {
		for (long v = 0; v < 5_000_000; v += 997) {
			int index = LatencyHistogram.index(v);
			assertThat(LatencyHistogram.highestIn(index)).isGreaterThanOrEqualTo(v);
			if (index > 0) {
				assertThat(LatencyHistogram.highestIn(index - 1)).isLessThan(v);
			}
		}
	}

	@Test
	void mergedHistogramsCountBoth() {
		LatencyHistogram a = new LatencyHistogram();
		LatencyHistogram b = new LatencyHistogram();
		a.record(10);
		b.record(1_000);
		b.record(2_000);
		a.add(b);
		assertThat(a.count()).isEqualTo(3);
		assertThat(a.max()).isEqualTo(2_000);
		assertThat(a.min()).isEqualTo(10);
		assertThat(a.percentile(34)).isGreaterThanOrEqualTo(1_000);
	}

	@Test
	void anEmptyHistogramReportsZeros() {
		LatencyHistogram histogram = new LatencyHistogram();
		assertThat(histogram.percentile(99)).isZero();
		assertThat(histogram.percentiles(1000.0).count()).isZero();
		assertThat(histogram.min()).isZero();
	}

	@Test
	void negativeValuesCountAsZero() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.record(-5); // clocks of two threads: nanoTime is monotonic, but be safe
		assertThat(histogram.max()).isZero();
		assertThat(histogram.count()).isEqualTo(1);
	}

}
