package io.affinity.recommender.evaluation;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Measures the heap an algorithm needs: after a full collection, the peak usage of every heap pool
 * is reset; later, the peaks are summed. The sum can overstate the true peak a little (pools peak
 * at different moments) and includes garbage not yet collected, so it is an upper bound, measured
 * the same way for every algorithm.
 */
final class HeapMeter {
  private HeapMeter() {}

  /** Collects garbage, resets the peaks, and returns the heap in use now. */
  static long reset() {
    System.gc();
    long used = 0;
    for (MemoryPoolMXBean pool : heapPools()) {
      pool.resetPeakUsage();
      used += pool.getUsage().getUsed();
    }
    return used;
  }

  /** The sum of the heap pools' peaks since the last {@link #reset()}. */
  static long peak() {
    long peak = 0;
    for (MemoryPoolMXBean pool : heapPools()) {
      peak += pool.getPeakUsage().getUsed();
    }
    return peak;
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
        .toList();
  }
}
