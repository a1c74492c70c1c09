package io.affinity.campaigns.delivery;

/**
 * A token bucket: at most {@code ratePerSecond} permits a second on average, with bursts of up to
 * {@code burst} permits after idle time. A temporary failure reply from the server halves the rate
 * ({@link #slowDown()}); successes bring it back gradually ({@link #recover()}), so a throttling
 * server sees fewer attempts instead of a retry storm.
 */
public final class TokenBucket {
  private static final double MIN_FACTOR = 1.0 / 64;
  private static final double RECOVERY = 1.02;

  private final double ratePerSecond;
  private final double burst;
  private double factor = 1.0;
  private double tokens;
  private long lastNanos;

  /**
   * @param ratePerSecond the long-run rate, above 0
   * @param burst how many permits may be taken at once after idling, at least 1
   */
  public TokenBucket(double ratePerSecond, double burst) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("ratePerSecond must be above 0, got " + ratePerSecond);
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = Math.max(1, burst);
    this.tokens = 1;
    this.lastNanos = System.nanoTime();
  }

  /** Blocks until a permit is available and takes it. */
  public void acquire() throws InterruptedException {
    long waitNanos;
    synchronized (this) {
      refill();
      tokens -= 1;
      // A negative balance is a reservation: this caller waits until it is paid back.
      waitNanos = tokens >= 0 ? 0 : (long) (-tokens / rate() * 1e9);
    }
    if (waitNanos > 0) {
      Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
    }
  }

  /** Halves the current rate (down to 1/64 of the configured one). */
  public synchronized void slowDown() {
    refill();
    factor = Math.max(MIN_FACTOR, factor / 2);
  }

  /** Raises a lowered rate by 2%, up to the configured rate. */
  public synchronized void recover() {
    if (factor < 1.0) {
      refill();
      factor = Math.min(1.0, factor * RECOVERY);
    }
  }

  /** The rate in effect now, in permits per second. */
  public synchronized double rate() {
    return ratePerSecond * factor;
  }

  private void refill() {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * ratePerSecond * factor);
    lastNanos = now;
  }
}
