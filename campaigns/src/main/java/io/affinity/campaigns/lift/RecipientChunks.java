package io.affinity.campaigns.lift;

import java.util.ArrayList;
import java.util.List;

/**
 * Recipient rows collected while they stream in, in chunks small enough to be ordinary young
 * objects, then copied once into arrays of the exact size. Arrays grown by doubling to a million
 * entries were a chain of humongous allocations for the G1 collector (every array of 64,000 longs
 * or more, with 1 MB regions), each starting a collection: young pauses of 60-120 ms while a report
 * read its recipients (docs/benchmarks.md).
 */
final class RecipientChunks {
  // 32,768 longs are 256 KB: half a region of the smallest heaps' 1 MB regions is humongous.
  private static final int CHUNK = 1 << 15;

  private final List<long[]> customers = new ArrayList<>();
  private final List<int[]> arms = new ArrayList<>();
  private final List<int[]> groups = new ArrayList<>();
  private final List<long[]> starts = new ArrayList<>();
  private int size;

  void add(long customer, int arm, int group, long start) {
    int at = size & (CHUNK - 1);
    if (at == 0) {
      customers.add(new long[CHUNK]);
      arms.add(new int[CHUNK]);
      groups.add(new int[CHUNK]);
      starts.add(new long[CHUNK]);
    }
    int chunk = size >>> 15;
    customers.get(chunk)[at] = customer;
    arms.get(chunk)[at] = arm;
    groups.get(chunk)[at] = group;
    starts.get(chunk)[at] = start;
    size++;
  }

  int size() {
    return size;
  }

  long[] customers() {
    return longs(customers);
  }

  int[] arms() {
    return ints(arms);
  }

  int[] groups() {
    return ints(groups);
  }

  long[] starts() {
    return longs(starts);
  }

  private long[] longs(List<long[]> chunks) {
    long[] all = new long[size];
    for (int k = 0; k < chunks.size(); k++) {
      System.arraycopy(chunks.get(k), 0, all, k * CHUNK, Math.min(CHUNK, size - k * CHUNK));
    }
    return all;
  }

  private int[] ints(List<int[]> chunks) {
    int[] all = new int[size];
    for (int k = 0; k < chunks.size(); k++) {
      System.arraycopy(chunks.get(k), 0, all, k * CHUNK, Math.min(CHUNK, size - k * CHUNK));
    }
    return all;
  }
}
