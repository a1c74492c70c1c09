package io.affinity.campaigns.lift;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact sum of integers (cents, or cents squared) that moves to {@link BigInteger} only on
 * overflow. Money is summed exactly, as the database's DECIMAL sums did, so the figures do not
 * depend on the order in which purchases arrive.
 */
final class ExactSum {
  private long small;
  private BigInteger big = BigInteger.ZERO;

  void add(long value) {
    long sum = small + value;
    if (((small ^ sum) & (value ^ sum)) < 0) { // overflow: the signs of both operands flipped
      big = big.add(BigInteger.valueOf(small)).add(BigInteger.valueOf(value));
      small = 0;
    } else {
      small = sum;
    }
  }

  void addProduct(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    if (high != (low >> 63)) {
      big = big.add(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)));
    } else {
      add(low);
    }
  }

  /** The sum divided by {@code 10^scale}, rounded once to the nearest double. */
  double toDouble(int scale) {
    BigInteger total =
        big.signum() == 0 ? BigInteger.valueOf(small) : big.add(BigInteger.valueOf(small));
    return new BigDecimal(total, scale).doubleValue();
  }
}
