package io.affinity.service.cli;

import io.affinity.core.progress.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows the progress of long work as a progress bar on the terminal, one bar per phase. */
public final class ConsoleProgress implements ProgressListener, AutoCloseable {
  private ProgressBar bar;

  @Override
  public void start(String phase, long total) {
    finish();
    bar =
        new ProgressBarBuilder()
            .setTaskName(phase)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .showSpeed()
            .build();
  }

  @Override
  public void advance(long units) {
    if (bar != null) {
      bar.stepBy(units);
    }
  }

  @Override
  public void message(String text) {
    if (bar != null) {
      bar.setExtraMessage(text);
    }
  }

  @Override
  public void finish() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  @Override
  public void close() {
    finish();
  }
}
