package io.affinity.recommender.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Lets concurrent callers share one batched read. A caller that finds as many reads in flight as
 * allowed waits, and its key goes into the next read with every other key asked for meanwhile; a
 * lone caller reads at once, so it waits for nothing. No thread of its own: the next read is made
 * by one of the waiting callers, so the work stays on the threads that asked for it.
 *
 * @param <K> what is asked for
 * @param <V> what is read for it
 */
public final class Coalescer<K, V> {
  private final Function<List<K>, Map<K, V>> readAll;
  private final int maxBatch;
  private final Semaphore reads;
  private final Queue<Ask<K, V>> waiting = new ConcurrentLinkedQueue<>();

  /**
   * @param readAll reads the values of distinct keys at once; a key it has no value for gets none
   * @param maxBatch the most keys one read takes
   * @param inFlight how many reads may run at once
   */
  public Coalescer(Function<List<K>, Map<K, V>> readAll, int maxBatch, int inFlight) {
    this.readAll = readAll;
    this.maxBatch = maxBatch;
    this.reads = new Semaphore(inFlight);
  }

  /**
   * The value of {@code key}, read alone or with other callers' keys; null if the read had none.
   * What the read throws is thrown to every caller whose key was in it, and to no other.
   */
  public V get(K key) {
    Ask<K, V> mine = new Ask<>(key);
    waiting.add(mine);
    while (true) {
      if (reads.tryAcquire()) {
        try {
          readWaiting();
        } finally {
          reads.release();
          // A caller that queued while this read ran, after its own attempt to read failed, is
          // waiting for a turn: give it one. (It queued before that attempt, and the attempt came
          // before this release, so the queue shows it here.)
          Ask<K, V> next = waiting.peek();
          if (next != null) {
            next.nudge();
          }
        }
      }
      if (mine.awaitTurn()) {
        return mine.value();
      }
    }
  }

  /** How many callers wait for a read now. */
  int waiting() {
    return waiting.size();
  }

  private void readWaiting() {
    List<Ask<K, V>> batch = new ArrayList<>();
    Ask<K, V> ask;
    while (batch.size() < maxBatch && (ask = waiting.poll()) != null) {
      batch.add(ask);
    }
    if (batch.isEmpty()) {
      return;
    }
    List<K> keys = new ArrayList<>(batch.size());
    for (Ask<K, V> a : batch) {
      if (!keys.contains(a.key)) {
        keys.add(a.key);
      }
    }
    Map<K, V> values;
    try {
      values = readAll.apply(keys);
    } catch (RuntimeException | Error e) {
      batch.forEach(a -> a.fail(e));
      return;
    }
    batch.forEach(a -> a.complete(values.get(a.key)));
  }

  /** One caller's key, and then its value or failure. */
  private static final class Ask<K, V> {
    final K key;
    private V value;
    private Throwable failure;
    private boolean done;
    private boolean nudged;

    Ask(K key) {
      this.key = key;
    }

    synchronized void complete(V v) {
      value = v;
      done = true;
      notifyAll();
    }

    synchronized void fail(Throwable t) {
      failure = t;
      done = true;
      notifyAll();
    }

    synchronized void nudge() {
      nudged = true;
      notifyAll();
    }

    /** Waits until done (true) or told to try reading (false). */
    synchronized boolean awaitTurn() {
      boolean interrupted = false;
      while (!done && !nudged) {
        try {
          wait();
        } catch (InterruptedException e) {
          // The ask stays queued and will be answered; the caller keeps its interrupt.
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      nudged = false;
      return done;
    }

    synchronized V value() {
      if (failure instanceof RuntimeException r) {
        throw r;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      return value;
    }
  }
}
