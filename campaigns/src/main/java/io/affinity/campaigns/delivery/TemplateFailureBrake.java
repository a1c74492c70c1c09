package io.affinity.campaigns.delivery;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pauses a campaign whose template fails for most of its first recipients (a render limit, a value
 * missing from every model): when {@value #FAILURES} of the first {@value #FIRST} recipients this
 * process renders for it fail, its sending stops with the reason instead of failing the whole
 * audience one render time limit at a time. Counted per process, from the campaign's start here; a
 * campaign resumed after such a pause is counted afresh.
 */
final class TemplateFailureBrake {
  static final int FIRST = 20;
  static final int FAILURES = 18; // 90% of FIRST

  /** Pauses a campaign with a reason. */
  interface Pause {
    void pause(long campaignId, String reason);
  }

  private final Map<Long, Tally> tallies = new ConcurrentHashMap<>();
  private final Pause pause;

  TemplateFailureBrake(Pause pause) {
    this.pause = pause;
  }

  /** Notes that a message of campaign {@code campaignId} rendered. */
  void rendered(long campaignId) {
    tallies.computeIfAbsent(campaignId, id -> new Tally()).note(null);
  }

  /** Notes that the template of campaign {@code campaignId} failed; pauses it if it must. */
  void failed(long campaignId, String error) {
    String reason = tallies.computeIfAbsent(campaignId, id -> new Tally()).note(error);
    if (reason != null) {
      // Forget the tally at once: a resume counts afresh whenever it comes, not only after the
      // maintenance pass has dropped campaigns that are not running (a quick resume found the
      // old, decided tally and failed recipients unbraked until then).
      tallies.remove(campaignId);
      pause.pause(campaignId, reason);
    }
  }

  /** Forgets every campaign but {@code running}. */
  void retain(Collection<Long> running) {
    tallies.keySet().retainAll(running);
  }

  /** The first renders of one campaign, until it is clear whether it must pause. */
  private static final class Tally {
    private int attempts;
    private int failures;
    private boolean decided;

    /** Counts one render ({@code error} null if it worked); the reason to pause, once, or null. */
    synchronized String note(String error) {
      if (decided) {
        return null;
      }
      attempts++;
      if (error != null && ++failures >= FAILURES) {
        decided = true;
        return "Paused: the template failed for "
            + failures
            + " of the first "
            + attempts
            + " recipients; the last: "
            + error;
      }
      decided = attempts - failures > FIRST - FAILURES;
      return null;
    }
  }
}
