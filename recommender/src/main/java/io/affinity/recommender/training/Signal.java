package io.affinity.recommender.training;

import io.affinity.core.event.EventType;
import java.util.Locale;
import java.util.Optional;

/**
 * The behaviours the recommender learns from. {@link #PURCHASE} is the primary signal: every
 * indicator says "buyers of this item also ...". The others are secondary: they count only where
 * they correlate with purchases.
 */
public enum Signal {
  PURCHASE("bought together with"),
  VIEW("viewed with"),
  CART("added to cart with"),
  CLICK("clicked in a campaign with");

  private final String reasonPhrase;

  Signal(String reasonPhrase) {
    this.reasonPhrase = reasonPhrase;
  }

  /** The name used in files, index fields and reasons. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** How a reason reads: "bought together with X". */
  public String reasonPhrase() {
    return reasonPhrase;
  }

  /** The signal an event type feeds, if any (conversions count as purchases). */
  public static Optional<Signal> of(EventType type) {
    return switch (type) {
      case PURCHASE, CONVERSION -> Optional.of(PURCHASE);
      case VIEW -> Optional.of(VIEW);
      case ADD_TO_CART -> Optional.of(CART);
      case CLICK -> Optional.of(CLICK);
      default -> Optional.empty();
    };
  }

  /** The signal with wire name {@code name}. */
  public static Signal fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
