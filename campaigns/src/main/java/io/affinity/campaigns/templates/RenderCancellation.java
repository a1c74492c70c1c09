package io.affinity.campaigns.templates;

/**
 * A way to stop a render from another thread before its time limit, for a preview whose client has
 * gone: {@link #cancel} stops the render now running under it (its budget interrupts the rendering
 * thread, which Freemarker's interruption checks turn into a stop) or the next one to start. The
 * render then fails with {@link RenderCancelledException}. Interrupts go only to a thread inside a
 * render, never after it, so a pooled thread is not left interrupted.
 */
public final class RenderCancellation {
  private RenderBudget budget; // guarded by this
  private boolean cancelled; // guarded by this

  /** Stops the render under this cancellation, and any later one; safe from any thread, twice. */
  public void cancel() {
    RenderBudget b;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      b = budget;
    }
    if (b != null) {
      b.cancel();
    }
  }

  /** Whether {@link #cancel} was called. */
  public synchronized boolean isCancelled() {
    return cancelled;
  }

  /** Ties {@code b} to this cancellation; when already cancelled, cancels {@code b} at once. */
  void attach(RenderBudget b) {
    synchronized (this) {
      budget = b;
      if (!cancelled) {
        return;
      }
    }
    b.cancel();
  }

  /** Unties {@code b} (its render is over). */
  synchronized void detach(RenderBudget b) {
    if (budget == b) {
      budget = null;
    }
  }
}
