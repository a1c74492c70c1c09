package io.affinity.campaigns.tracking;

import io.micronaut.core.annotation.Nullable;
import java.util.regex.Pattern;

/**
 * What a tracking link says: what it is for, the campaign and recipient, and for a click the item
 * and the slot it was shown in. Campaign 0 marks a preview link, which records nothing.
 *
 * @param purpose open, click or unsubscribe
 * @param campaignId the campaign, or 0 in a preview
 * @param recipientId the {@code campaign_recipients} row, or 0 in a preview
 * @param itemId the product's external id (clicks only)
 * @param slot where the item was in the message, such as {@code rec1} or {@code cross2}
 */
public record TrackingToken(
    Purpose purpose,
    long campaignId,
    long recipientId,
    @Nullable String itemId,
    @Nullable String slot) {
  private static final Pattern SLOT = Pattern.compile("[a-z0-9_-]{1,20}");

  public TrackingToken {
    if (campaignId < 0 || recipientId < 0) {
      throw new IllegalArgumentException(
          "ids must not be negative, got " + campaignId + "/" + recipientId);
    }
    if (slot != null && !SLOT.matcher(slot).matches()) {
      throw new IllegalArgumentException("slot must match " + SLOT + ", got '" + slot + "'");
    }
  }

  /** A token of a preview: it tracks nothing. */
  public boolean isPreview() {
    return campaignId == 0;
  }

  /** What a link does. */
  public enum Purpose {
    OPEN('o'),
    CLICK('c'),
    UNSUBSCRIBE('u');

    private final char code;

    Purpose(char code) {
      this.code = code;
    }

    /** The letter in the link's path ({@code /t/o/...}) and in the signed payload. */
    public char code() {
      return code;
    }

    static Purpose of(char code) {
      for (Purpose p : values()) {
        if (p.code == code) {
          return p;
        }
      }
      return null;
    }
  }
}
