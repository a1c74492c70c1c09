package io.affinity.service.api;

import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;

/** Path ids and whole-number query parameters, read the same way by every controller. */
public final class Parameters {
  private Parameters() {}

  /** The numeric id in a path; anything else names nothing we have, so a 404 of {@code kind}. */
  public static long id(String kind, String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new NotFoundException(kind, id);
    }
  }

  /**
   * Query parameter {@code field} as a whole number from {@code min} to {@code max}, {@code dflt}
   * when absent; a 422 naming the field otherwise.
   */
  public static long wholeNumber(String field, String value, long dflt, long min, long max) {
    if (value == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(
        field, "must be a whole number from " + min + " to " + max + ", got '" + value + "'");
  }
}
