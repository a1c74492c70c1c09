package io.affinity.core.synthetic;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Groups a stream of items into lists of a fixed size (the last one may be shorter). */
public final class Chunks<T> implements Iterator<List<T>> {
  private final Iterator<T> items;
  private final int size;

  private Chunks(Iterator<T> items, int size) {
    this.items = items;
    this.size = size;
  }

  /**
   * {@code items} in lists of {@code size}.
   *
   * @throws IllegalArgumentException if {@code size} is less than 1
   */
  public static <T> Chunks<T> of(Iterator<T> items, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("chunk size must be at least 1, got " + size);
    }
    return new Chunks<>(items, size);
  }

  @Override
  public boolean hasNext() {
    return items.hasNext();
  }

  @Override
  public List<T> next() {
    if (!items.hasNext()) {
      throw new NoSuchElementException();
    }
    List<T> chunk = new ArrayList<>(size);
    while (chunk.size() < size && items.hasNext()) {
      chunk.add(items.next());
    }
    return chunk;
  }
}
