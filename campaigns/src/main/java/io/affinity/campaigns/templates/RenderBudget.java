package io.affinity.campaigns.templates;

import freemarker.core.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time and output one message's rendering has left. Output is counted by {@link LimitedWriter},
 * which also checks the deadline on every write; a loop that writes nothing is stopped by a
 * watchdog that interrupts the rendering thread shortly after the deadline (the sandbox adds
 * Freemarker's interruption checks to every loop and macro). Used by one thread; {@link #close}
 * guarantees that no interrupt of this budget arrives afterwards.
 */
final class RenderBudget implements AutoCloseable {
  // One daemon thread for every render of the process: it only fires interrupts.
  private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();
  private static final long INTERRUPT_AFTER_RING_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final Pattern LOCATION = Pattern.compile("at line (\\d+), column (\\d+)");

  private final RenderLimits limits;
  private final long deadline;
  private final Thread thread;
  private ScheduledFuture<?> alarm; // guarded by this
  private long bytesLeft;
  private boolean closed; // guarded by this
  private volatile boolean interruptedByUs;
  private volatile boolean cancelled;
  private volatile TemplateLimitException.Limit exceeded;
  private int line;
  private int column;

  private RenderBudget(RenderLimits limits) {
    this.limits = limits;
    this.bytesLeft = limits.maxOutputBytes();
    this.thread = Thread.currentThread();
    long nanos = limits.timeout().toNanos();
    this.deadline = System.nanoTime() + nanos;
    // The alarm rings a little after the deadline and only marks the time as up: a loop that
    // writes is stopped by its next write, which knows the line. The interrupt, for loops that
    // write nothing, comes a while later, so that a writing thread the machine left waiting past
    // the first ring still reaches a write first (an interrupt stops it where no line is known).
    long grace = Math.min(TimeUnit.MILLISECONDS.toNanos(50), nanos / 10);
    synchronized (this) {
      this.alarm = WATCHDOG.schedule(this::ring, nanos + grace, TimeUnit.NANOSECONDS);
    }
  }

  /** A budget for the calling thread, its clock started now. */
  static RenderBudget start(RenderLimits limits) {
    return new RenderBudget(limits);
  }

  private static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor e =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "template-render-watchdog");
              t.setDaemon(true);
              return t;
            });
    e.setRemoveOnCancelPolicy(true);
    return e;
  }

  /** At the deadline: marks the budget spent, and sets the interrupt for a little later. */
  private void ring() {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (exceeded == null) {
        exceeded = TemplateLimitException.Limit.TIME;
      }
      alarm = WATCHDOG.schedule(this::expire, INTERRUPT_AFTER_RING_NANOS, TimeUnit.NANOSECONDS);
    }
  }

  /** After the ring: interrupts the thread if it still renders (a loop that writes nothing). */
  private void expire() {
    synchronized (this) {
      if (closed) {
        return;
      }
      interruptedByUs = true;
      thread.interrupt();
    }
  }

  /**
   * Stops this render at once (its client has gone): marks it cancelled and interrupts the thread
   * if it still renders; {@link #close} clears that interrupt, as it clears the watchdog's.
   */
  void cancel() {
    synchronized (this) {
      if (closed) {
        return;
      }
      cancelled = true;
      interruptedByUs = true;
      thread.interrupt();
    }
  }

  /** Whether this render was cancelled. */
  boolean cancelled() {
    return cancelled;
  }

  /**
   * Spends {@code bytes} of output and checks the clock.
   *
   * @throws LimitReached when the output or the time is used up
   */
  void spend(long bytes) throws LimitReached {
    checkTime();
    bytesLeft -= bytes;
    if (bytesLeft < 0) {
      reach(TemplateLimitException.Limit.OUTPUT);
    }
  }

  /**
   * Checks the clock.
   *
   * @throws LimitReached when the time is used up or the render was cancelled
   */
  void checkTime() throws LimitReached {
    if (cancelled) {
      throw new LimitReached();
    }
    if (exceeded != null) {
      // The watchdog rang first (this thread was descheduled past the grace): still say where.
      locate();
      throw new LimitReached();
    }
    if (System.nanoTime() - deadline > 0) {
      reach(TemplateLimitException.Limit.TIME);
    }
  }

  private void reach(TemplateLimitException.Limit limit) throws LimitReached {
    if (exceeded == null) {
      exceeded = limit;
    }
    locate();
    throw new LimitReached();
  }

  /** Where the template is now, from Freemarker's instruction stack (called while rendering). */
  private void locate() {
    Environment env = Environment.getCurrentEnvironment();
    if (env == null || line > 0) {
      return;
    }
    StringWriter stack = new StringWriter();
    env.outputInstructionStack(new PrintWriter(stack));
    Matcher m = LOCATION.matcher(stack.toString());
    if (m.find()) {
      line = Integer.parseInt(m.group(1));
      column = Integer.parseInt(m.group(2));
    }
  }

  /** The limit this render went past, or null. */
  TemplateLimitException.Limit exceeded() {
    return exceeded;
  }

  /** Whether this budget's watchdog interrupted the thread. */
  boolean interruptedByUs() {
    return interruptedByUs;
  }

  /** The failure of template {@code templateId} v{@code version} that went past {@code limit}. */
  TemplateLimitException failure(
      long templateId, int version, TemplateLimitException.Limit limit, int atLine, int atColumn) {
    int l = atLine > 0 ? atLine : line;
    int c = atLine > 0 ? atColumn : column;
    String what =
        switch (limit) {
          case TIME -> "exceeded the render time limit of " + limits.timeText();
          case OUTPUT -> "exceeded the output size limit of " + limits.outputText();
          case DEPTH -> "nested too deeply (a macro or function that calls itself without end?)";
          case MEMORY -> "needed more memory than one message may use";
        };
    return new TemplateLimitException(templateId, version, limit, what, l, c);
  }

  /** Stops the watchdog and clears an interrupt it sent; no interrupt of this budget follows. */
  @Override
  public void close() {
    ScheduledFuture<?> pending;
    synchronized (this) {
      closed = true;
      pending = alarm;
    }
    pending.cancel(false);
    if (interruptedByUs) {
      Thread.interrupted();
    }
  }

  /** A reached time limit where no IOException can be thrown (inside a regular expression). */
  static final class TimeUp extends RuntimeException {
    TimeUp() {
      super("render time limit reached", null, false, false);
    }
  }

  /** Thrown where a limit is reached; turned into a {@link TemplateLimitException}. */
  static final class LimitReached extends java.io.IOException {
    LimitReached() {
      super("render limit reached", null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // thrown on every later write too: no stack needed
    }
  }
}
