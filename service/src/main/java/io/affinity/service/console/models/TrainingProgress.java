package io.affinity.service.console.models;

import io.affinity.core.progress.JobProgress;
import io.affinity.recommender.model.TrainingJob;
import io.affinity.service.console.Formats;
import java.util.LinkedHashMap;
import java.util.Map;

/** A training job as the models page's progress panel shows it. */
final class TrainingProgress {
  private TrainingProgress() {}

  static Map<String, Object> of(TrainingJob.Status s) {
    Map<String, Object> m = new LinkedHashMap<>();
    boolean done =
        s.state() == JobProgress.State.SUCCEEDED || s.state() == JobProgress.State.FAILED;
    m.put("id", s.id());
    m.put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
    m.put("done", done);
    m.put("failed", s.state() == JobProgress.State.FAILED);
    m.put("phase", Formats.text(s.phase()));
    // -1: the phase does not know its size; the bar is then indeterminate.
    m.put("known", s.progress() >= 0);
    m.put("percent", s.progress() >= 0 ? (int) Math.round(s.progress() * 100) : 0);
    m.put("started", Formats.time(s.createdAt()));
    m.put("finished", Formats.time(s.finishedAt()));
    m.put("version", s.modelVersion() == null ? "" : s.modelVersion().toString());
    m.put("error", s.error() == null ? "" : s.error());
    return m;
  }
}
