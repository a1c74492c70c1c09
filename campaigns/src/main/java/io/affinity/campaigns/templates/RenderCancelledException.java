package io.affinity.campaigns.templates;

/**
 * A render was stopped through its {@link RenderCancellation} (the client of a preview went away);
 * not a fault of the template.
 */
public class RenderCancelledException extends RuntimeException {
  public RenderCancelledException(long templateId, int version) {
    super(
        "Rendering template " + templateId + " v" + version + " was cancelled", null, false, false);
  }
}
