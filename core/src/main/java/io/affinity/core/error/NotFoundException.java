package io.affinity.core.error;

/** The client asked for something that does not exist, such as an unknown customer id. */
public class NotFoundException extends RuntimeException {
  private final String kind;
  private final String id;

  public NotFoundException(String kind, String id) {
    super("No " + kind + " with id '" + id + "'");
    this.kind = kind;
    this.id = id;
  }

  /** What kind of thing was missing: customer, household, product, ... */
  public String kind() {
    return kind;
  }

  /** The id the client gave. */
  public String id() {
    return id;
  }
}
