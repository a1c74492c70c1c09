package io.affinity.service.console.segments;

import io.affinity.campaigns.segments.SegmentPreview;
import io.affinity.campaigns.segments.SegmentSnapshots;
import io.affinity.campaigns.segments.SegmentView;
import io.affinity.campaigns.segments.Segments;
import io.affinity.campaigns.segments.Snapshot;
import io.affinity.core.audit.AuditLog;
import io.affinity.core.error.InvalidInputException;
import io.affinity.service.api.JsonBodies;
import io.affinity.service.problem.MalformedRequestException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a console user does to segments: a posted form becomes the definition the segments API takes
 * ({@code name}, {@code description}, {@code rules}) and goes to {@link Segments} and {@link
 * SegmentSnapshots}, the services behind {@code /api/segments}, so the console saves, previews and
 * freezes exactly as the API does. Every save and snapshot is written to the audit log with the
 * user's name, in the transaction that makes it.
 */
@Singleton
class SegmentChanges {
  /** Audit action: a console user saved a new segment. */
  static final String CREATE = "segment-create";

  /** Audit action: a console user saved the next version of a segment. */
  static final String VERSION = "segment-version";

  /** Audit action: a console user froze a segment into a snapshot. */
  static final String SNAPSHOT = "segment-snapshot";

  /** Audit subject type: a segment, by its id. */
  static final String SEGMENT = "segment";

  private final Segments segments;
  private final SegmentSnapshots snapshots;
  private final JsonBodies bodies;
  private final TransactionOperations<Connection> tx;
  private final AuditLog audit;

  SegmentChanges(
      Segments segments,
      SegmentSnapshots snapshots,
      JsonBodies bodies,
      TransactionOperations<Connection> tx,
      AuditLog audit) {
    this.segments = segments;
    this.snapshots = snapshots;
    this.bodies = bodies;
    this.tx = tx;
    this.audit = audit;
  }

  /**
   * Saves the form as a new segment for {@code user}; returns its id.
   *
   * @throws InvalidInputException naming every bad field and rule by its path
   */
  long create(SegmentForm form, String user) {
    Map<String, Object> definition = definition(form, true);
    return tx.executeWrite(
        status -> {
          SegmentView s = segments.create(definition);
          audit.append(
              status.getConnection(), user, CREATE, SEGMENT, String.valueOf(s.id()), s.name());
          return s.id();
        });
  }

  /**
   * Saves the form as the next version of segment {@code id} for {@code user}.
   *
   * @throws InvalidInputException naming every bad field and rule by its path
   * @throws io.affinity.core.error.NotFoundException if there is no such segment
   */
  void update(long id, SegmentForm form, String user) {
    Map<String, Object> definition = definition(form, true);
    tx.executeWrite(
        status -> {
          SegmentView s = segments.update(id, definition);
          return audit.append(
              status.getConnection(),
              user,
              VERSION,
              SEGMENT,
              String.valueOf(id),
              "version " + s.version() + ": " + s.name());
        });
  }

  /**
   * Freezes segment {@code id}'s current version for {@code user}.
   *
   * @throws io.affinity.core.error.NotFoundException if there is no such segment
   */
  Snapshot freeze(long id, String user) {
    return tx.executeWrite(
        status -> {
          Snapshot taken = snapshots.freeze(id);
          audit.append(
              status.getConnection(),
              user,
              SNAPSHOT,
              SEGMENT,
              String.valueOf(id),
              "snapshot "
                  + taken.id()
                  + " of version "
                  + taken.segmentVersion()
                  + ", "
                  + taken.size()
                  + " customers");
          return taken;
        });
  }

  /**
   * What the form's rules would select now.
   *
   * @throws InvalidInputException naming every bad rule by its path
   * @throws io.affinity.core.error.UnavailableException for predicted affinity without a model
   */
  SegmentPreview preview(SegmentForm form) {
    return segments.preview(definition(form, false));
  }

  private Map<String, Object> definition(SegmentForm form, boolean named) {
    if (form.tooLarge()) {
      throw new InvalidInputException(
          "rules", "the form is larger than " + SegmentForm.MAX_BODY + " characters");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (named) {
      body.put("name", form.name());
      if (!form.description().isEmpty()) {
        body.put("description", form.description());
      }
    }
    body.put("rules", rules(form.rules()));
    return body;
  }

  /** The rule tree in {@code json}, read as strictly as the API reads bodies. */
  private Object rules(String json) {
    if (json.isBlank()) {
      throw new InvalidInputException("rules", "is missing; add a rule");
    }
    try {
      return bodies.object(json.getBytes(StandardCharsets.UTF_8), Map.class);
    } catch (MalformedRequestException e) {
      throw new InvalidInputException("rules", "is not a rule tree: " + e.getMessage());
    }
  }
}
