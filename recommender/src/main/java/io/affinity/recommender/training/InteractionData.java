package io.affinity.recommender.training;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Binary user x item interactions per signal, in compressed rows: for each signal, the distinct
 * items of each user, sorted. Users and items are dense indexes {@code 0..n-1}; the caller keeps
 * the mapping to real ids.
 */
public final class InteractionData {
  private final int users;
  private final int items;
  private final Map<Signal, int[]> offsets;
  private final Map<Signal, int[]> values;

  private InteractionData(
      int users, int items, Map<Signal, int[]> offsets, Map<Signal, int[]> values) {
    this.users = users;
    this.items = items;
    this.offsets = offsets;
    this.values = values;
  }

  /** Number of users (rows). */
  public int users() {
    return users;
  }

  /** Number of items (columns). */
  public int items() {
    return items;
  }

  /** The signals with at least one interaction. */
  public java.util.Set<Signal> signals() {
    java.util.Set<Signal> present = java.util.EnumSet.noneOf(Signal.class);
    values.forEach(
        (signal, vals) -> {
          if (vals.length > 0) {
            present.add(signal);
          }
        });
    return present;
  }

  /** The distinct items {@code user} has for {@code signal}, sorted; empty if none. */
  public int[] itemsOf(Signal signal, int user) {
    int[] off = offsets.get(signal);
    if (off == null) {
      return new int[0];
    }
    return Arrays.copyOfRange(values.get(signal), off[user], off[user + 1]);
  }

  /** How many distinct items {@code user} has for {@code signal}. */
  public int count(Signal signal, int user) {
    int[] off = offsets.get(signal);
    return off == null ? 0 : off[user + 1] - off[user];
  }

  /** Row offsets of {@code signal} (length users + 1), or null if the signal has no data. */
  int[] offsets(Signal signal) {
    return offsets.get(signal);
  }

  /** Row values of {@code signal}, or null if the signal has no data. */
  int[] values(Signal signal) {
    return values.get(signal);
  }

  /** Collects interactions; duplicates are merged (binarised). */
  public static final class Builder {
    private final Map<Signal, LongArrayList> pairs = new EnumMap<>(Signal.class);
    private int users;
    private int items;

    /** Records that {@code user} had {@code signal} on {@code item}. */
    public Builder add(int user, int item, Signal signal) {
      if (user < 0 || item < 0) {
        throw new IllegalArgumentException("negative index: user " + user + ", item " + item);
      }
      pairs.computeIfAbsent(signal, s -> new LongArrayList()).add(((long) user << 32) | item);
      users = Math.max(users, user + 1);
      items = Math.max(items, item + 1);
      return this;
    }

    /** Declares at least {@code users} users and {@code items} items (some may have no data). */
    public Builder size(int users, int items) {
      this.users = Math.max(this.users, users);
      this.items = Math.max(this.items, items);
      return this;
    }

    /**
     * The data, with every user's row of every signal cut to at most {@code maxPerUser} items,
     * chosen at random with {@code seed}: a few users with enormous histories (resellers, bots)
     * would otherwise dominate the counts and the running time.
     */
    public InteractionData build(int maxPerUser, long seed) {
      Map<Signal, int[]> offsets = new EnumMap<>(Signal.class);
      Map<Signal, int[]> values = new EnumMap<>(Signal.class);
      SplittableRandom random = new SplittableRandom(seed);
      for (Map.Entry<Signal, LongArrayList> e : pairs.entrySet()) {
        long[] sorted = e.getValue().toLongArray();
        Arrays.sort(sorted);
        int[] off = new int[users + 1];
        int[] vals = new int[sorted.length];
        int n = 0;
        int i = 0;
        for (int user = 0; user < users; user++) {
          off[user] = n;
          int start = n;
          while (i < sorted.length && (int) (sorted[i] >>> 32) == user) {
            int item = (int) sorted[i];
            if (n == start || vals[n - 1] != item) {
              vals[n++] = item;
            }
            i++;
          }
          n = start + downsample(vals, start, n - start, maxPerUser, random);
        }
        off[users] = n;
        offsets.put(e.getKey(), off);
        values.put(e.getKey(), Arrays.copyOf(vals, n));
      }
      return new InteractionData(users, items, offsets, values);
    }

    /**
     * Keeps a random {@code max} of {@code len} values at {@code start}, sorted; returns the count.
     */
    private static int downsample(
        int[] vals, int start, int len, int max, SplittableRandom random) {
      if (len <= max) {
        return len;
      }
      for (int k = 0; k < max; k++) { // partial Fisher-Yates shuffle
        int pick = start + k + random.nextInt(len - k);
        int tmp = vals[start + k];
        vals[start + k] = vals[pick];
        vals[pick] = tmp;
      }
      Arrays.sort(vals, start, start + max);
      return max;
    }
  }
}
