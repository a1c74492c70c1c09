package io.affinity.campaigns.campaign;

import io.affinity.campaigns.compose.MessageComposer;
import io.affinity.campaigns.segments.SegmentStore;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a draft must satisfy, whether created or edited: every field valid, its templates and its
 * segment known, its snapshot stored. One place, so that an edit cannot store what a create would
 * refuse.
 */
@Singleton
class DraftChecks {
  private final BeanProvider<MessageComposer> composer;
  private final SegmentStore segments;

  DraftChecks(BeanProvider<MessageComposer> composer, SegmentStore segments) {
    this.composer = composer;
    this.segments = segments;
  }

  /**
   * Returns the variants of {@code in} (weight 1 where none was given) if it is a valid draft.
   *
   * @throws InvalidInputException naming every bad field, an unknown template or segment
   */
  List<Variant> check(CampaignInput in) {
    if (in == null) {
      throw new InvalidInputException("body", "a JSON object is required");
    }
    List<FieldError> errors = new ArrayList<>(CampaignValidator.validate(in));
    if (errors.isEmpty() && composer.isPresent()) {
      for (int i = 0; i < in.variants().size(); i++) {
        try {
          composer.get().currentVersion(in.variants().get(i).templateId());
        } catch (NotFoundException e) {
          errors.add(new FieldError("variants[" + i + "].templateId", "no such template"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(
          errors.size() + " invalid value(s); nothing was stored", errors);
    }
    if (in.segmentId() != null) {
      try {
        segments.find(in.segmentId());
      } catch (NotFoundException e) {
        throw new InvalidInputException("segmentId", "no segment " + in.segmentId());
      }
    }
    return in.variants().stream()
        .map(v -> new Variant(v.name(), v.templateId(), null, v.weight() == null ? 1 : v.weight()))
        .toList();
  }

  /** Refuses a snapshot id that names no stored snapshot (checked on the writing connection). */
  static void snapshotExists(Connection c, Long snapshotId) throws SQLException {
    if (snapshotId == null) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM segment_snapshots WHERE id = ?")) {
      ps.setLong(1, snapshotId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new InvalidInputException("snapshotId", "no segment snapshot " + snapshotId);
        }
      }
    }
  }
}
