package org.socketchat.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A token bucket per remote address for the REST API. Over the limit, the request gets
 * {@code 429} with {@code Retry-After} and a problem body, from the same handler as
 * every other REST error.
 */
@Component
class RestRateLimit implements HandlerInterceptor, WebMvcConfigurer {

	/** Past this many addresses, the buckets of addresses that went quiet are dropped. */
	private static final int TRIM_AT = 10_000;

	private final Bandwidth bandwidth;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	RestRateLimit(LimitsProperties limits) {
		this.bandwidth = Bandwidth.builder()
			.capacity(limits.restRequestsPerSecond())
			.refillGreedy(limits.restRequestsPerSecond(), Duration.ofSeconds(1))
			.build();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/api/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		ConsumptionProbe probe = bucket(ClientAddress.of(request.getRemoteAddr())).tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			throw new TooManyRequests(probe.getNanosToWaitForRefill());
		}
		return true;
	}

	private Bucket bucket(String address) {
		Bucket bucket = this.buckets.get(address);
		if (bucket != null) {
			return bucket;
		}
		if (this.buckets.size() >= TRIM_AT) {
			this.buckets.values().removeIf((idle) -> idle.getAvailableTokens() >= this.bandwidth.getCapacity());
		}
		return this.buckets.computeIfAbsent(address, (key) -> Bucket.builder().addLimit(this.bandwidth).build());
	}

	static final class TooManyRequests extends ErrorResponseException {

		TooManyRequests(long nanosToWait) {
			super(HttpStatus.TOO_MANY_REQUESTS, problem(), null);
			long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosToWait + TimeUnit.SECONDS.toNanos(1) - 1));
			getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		}

		private static ProblemDetail problem() {
			return ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
					"too many requests from your address, retry after the Retry-After header's seconds");
		}

	}

}
