package io.affinity.campaigns.templates;

import java.io.IOException;
import java.io.Writer;

/**
 * A writer into memory that spends a {@link RenderBudget} on every write: it throws once the
 * message's output passes its size limit or its time is up, so that no template can grow the heap
 * with output or loop past its deadline while writing.
 */
final class LimitedWriter extends Writer {
  private final StringBuilder out = new StringBuilder(1024);
  private final RenderBudget budget;

  LimitedWriter(RenderBudget budget) {
    this.budget = budget;
  }

  @Override
  public void write(char[] chars, int off, int len) throws IOException {
    budget.spend(utf8Bytes(chars, off, len));
    out.append(chars, off, len);
  }

  @Override
  public void write(String s, int off, int len) throws IOException {
    budget.spend(utf8Bytes(s, off, len));
    out.append(s, off, off + len);
  }

  @Override
  public void write(int c) throws IOException {
    budget.spend(c < 0x80 ? 1 : c < 0x800 ? 2 : 3);
    out.append((char) c);
  }

  @Override
  public void flush() throws IOException {
    budget.checkTime();
  }

  @Override
  public void close() {}

  /** What was written. */
  String text() {
    return out.toString();
  }

  // A surrogate pair counts 3 + 3 bytes instead of 4: a little over, never under.
  private static long utf8Bytes(char[] chars, int off, int len) {
    long n = len;
    for (int i = off; i < off + len; i++) {
      char c = chars[i];
      n += c < 0x80 ? 0 : c < 0x800 ? 1 : 2;
    }
    return n;
  }

  private static long utf8Bytes(String s, int off, int len) {
    long n = len;
    for (int i = off; i < off + len; i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 0 : c < 0x800 ? 1 : 2;
    }
    return n;
  }
}
