package org.socketchat.bench.measure;

/**
 * Counts non-negative values (the bench records microseconds) in log-linear buckets: exact
 * below 128, then 64 buckets per power of two, so a percentile is off by less than 1/64
 * (1.6 %) and one histogram is a fixed 19 KiB whatever it holds. Not thread-safe: each
 * subscriber owns one and the results are merged afterwards.
 */
public final class LatencyHistogram {

	private static final int EXACT = 128;

	private static final int SUB_BUCKETS = 64;

	private static final int SUB_BITS = 6;

	/** Values up to 2^42 µs (50 days) have a bucket; larger ones land in the last. */
	private static final int MAX_EXPONENT = 42;

	private final long[] counts = new long[EXACT + (MAX_EXPONENT - 6) * SUB_BUCKETS];

	private long total;

	private long max;

	private long min = Long.MAX_VALUE;

	private double sum;

	public void record(long value) {
		long v = Math.max(0, value);
		this.counts[Math.min(index(v), this.counts.length - 1)]++;
		this.total++;
		this.sum += v;
		this.max = Math.max(this.max, v);
		this.min = Math.min(this.min, v);
	}

	public void add(LatencyHistogram other) {
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] += other.counts[i];
		}
		this.total += other.total;
		this.sum += other.sum;
		this.max = Math.max(this.max, other.max);
		this.min = Math.min(this.min, other.min);
	}

	public long count() {
		return this.total;
	}

	public long max() {
		return this.max;
	}

	public long min() {
		return (this.total == 0) ? 0 : this.min;
	}

	public double mean() {
		return (this.total == 0) ? 0 : this.sum / this.total;
	}

	/**
	 * The value at or below which {@code percent} of the recorded values lie: the highest
	 * value of the bucket holding that rank, never above the true maximum; 0 when empty.
	 */
	public long percentile(double percent) {
		if (this.total == 0) {
			return 0;
		}
		long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * this.total));
		long seen = 0;
		for (int i = 0; i < this.counts.length; i++) {
			seen += this.counts[i];
			if (seen >= rank) {
				return Math.min(highestIn(i), this.max);
			}
		}
		return this.max;
	}

	/** p50, p95, p99 and max, converted by {@code divisor} (e.g. 1000.0 for µs to ms). */
	public Percentiles percentiles(double divisor) {
		return new Percentiles(this.total, percentile(50) / divisor, percentile(95) / divisor,
				percentile(99) / divisor, this.max / divisor);
	}

	/** A histogram's summary, in the unit the caller chose. */
	public record Percentiles(long count, double p50, double p95, double p99, double max) {
	}

	static int index(long value) {
		if (value < EXACT) {
			return (int) value;
		}
		int exponent = 63 - Long.numberOfLeadingZeros(value); // >= 7
		int shift = exponent - SUB_BITS;
		int mantissa = (int) (value >>> shift) - SUB_BUCKETS; // 0..63
		return EXACT + (exponent - 7) * SUB_BUCKETS + mantissa;
	}

	static long highestIn(int index) {
		if (index < EXACT) {
			return index;
		}
		int exponent = 7 + (index - EXACT) / SUB_BUCKETS;
		int mantissa = SUB_BUCKETS + (index - EXACT) % SUB_BUCKETS;
		int shift = exponent - SUB_BITS;
		return ((long) (mantissa + 1) << shift) - 1;
	}

}
