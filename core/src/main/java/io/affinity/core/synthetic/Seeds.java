package io.affinity.core.synthetic;

import java.util.SplittableRandom;

/**
 * Random streams derived from the shop's seed. Each part of the shop (catalogue, one customer's
 * profile, one customer's history, ...) draws from its own stream, keyed by a salt and an index, so
 * that it does not depend on how much any other part drew: a customer's history is the same whether
 * it is generated alone or after a million others, and adding events does not rename anyone.
 */
final class Seeds {
  static final long CATALOGUE = 0x6361_7461_6c6fL;
  static final long LAYOUT = 0x6c61_796f_7574L;
  static final long CLUSTERS = 0x636c_7573_7465L;
  static final long CLUSTER_OF = 0x636c_7573_6f66L;
  static final long ACTIVITY = 0x6163_7469_7669L;
  static final long PROFILE = 0x7072_6f66_696cL;
  static final long HOUSEHOLD = 0x686f_7573_6568L;
  static final long HISTORY = 0x6869_7374_6f72L;

  private Seeds() {}

  /** The random stream of part {@code salt}, item {@code index}, of the shop with {@code seed}. */
  static SplittableRandom rng(long seed, long salt, long index) {
    return new SplittableRandom(hash(seed, salt, index));
  }

  /** A well-mixed 64-bit hash of the three values. */
  static long hash(long seed, long salt, long index) {
    return mix(mix(mix(seed) ^ salt) + index);
  }

  /** The SplitMix64 finaliser: every input bit affects every output bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
