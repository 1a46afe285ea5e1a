package org.socketchat.bench.scenario;

/**
 * When each message of a fan-out round is due: the warm-up ramps the rate up linearly
 * from a tenth of it to all of it (a cold JVM fed the full rate at once builds a backlog
 * that the measured seconds then pay for), then the full rate for the measured seconds.
 *
 * @param rate messages per second after warm-up
 */
record Schedule(int rate, double warmupSeconds, double seconds) {

	private static final double RAMP_START = 0.1;

	/** Messages sent during the warm-up: the area under the ramp. */
	long warmupCount() {
		return Math.round((RAMP_START + 1) / 2 * this.rate * this.warmupSeconds);
	}

	long total() {
		return warmupCount() + Math.round(this.rate * this.seconds);
	}

	/** Seconds after the start at which message {@code k} is due. */
	double dueSeconds(long k) {
		long warmup = warmupCount();
		if (k >= warmup) {
			return this.warmupSeconds + (k - warmup) / (double) this.rate;
		}
		// sent(t) = r0 t + (R - r0) t^2 / (2W): solve sent(t) = k for t.
		double r0 = RAMP_START * this.rate;
		double a = (this.rate - r0) / (2 * this.warmupSeconds);
		return (-r0 + Math.sqrt(r0 * r0 + 4 * a * k)) / (2 * a);
	}

}
