package io.affinity.campaigns.segments;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts and previews the customers a rule tree selects, on fresh behaviour facts. */
@Singleton
public class SegmentAudience {
  /** How many customers a preview shows. */
  public static final int SAMPLE_SIZE = 20;

  /** The RFM bucket of customers without metrics. */
  public static final String NO_RFM_SEGMENT = "none";

  private final TransactionOperations<Connection> tx;
  private final RuleCompiler compiler;
  private final BehaviourFacts facts;

  private final InMemoryCounter counter;

  /** Where "now" comes from: the service's one clock, which every "days since" counts to. */
  private final Clock clock;

  public SegmentAudience(
      TransactionOperations<Connection> tx,
      RuleCompiler compiler,
      BehaviourFacts facts,
      InMemoryCounter counter,
      Clock clock) {
    this.tx = tx;
    this.compiler = compiler;
    this.facts = facts;
    this.counter = counter;
    this.clock = clock;
  }

  /** The condition of {@code rule} as of now, after bringing the behaviour facts up to date. */
  public CompiledRule compileFresh(Rule rule) {
    facts.catchUp();
    return compiler.compile(rule, clock.millis());
  }

  /** How many customers {@code rule} selects now. */
  public long count(Rule rule) {
    return count(rule, clock.millis());
  }

  /**
   * How many customers {@code rule} selects with its windows counted back from {@code asOf} (epoch
   * millis), on behaviour facts brought up to date now; for replaying history and for benchmarks on
   * generated data.
   */
  public long count(Rule rule, long asOf) {
    facts.catchUp();
    return counter.count(rule, asOf);
  }

  /**
   * {@link #count(Rule, long)} through the compiled SQL instead of the in-memory columns: the
   * reference the in-memory count is checked against.
   */
  public long countBySql(Rule rule, long asOf) {
    facts.catchUp();
    CompiledRule where = compiler.compile(rule, asOf);
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps =
                  prepare(
                      status.getConnection(),
                      "SELECT COUNT(*)" + CompiledRule.FROM + " WHERE " + where.where(),
                      where.params());
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /**
   * The count, a sample ordered by customer id, and the split by RFM segment, from the in-memory
   * columns; only the sample's names are read from the database.
   */
  public SegmentPreview preview(Rule rule) {
    return preview(rule, clock.millis());
  }

  /** {@link #preview(Rule)} with the rule's windows counted back from {@code asOf}. */
  public SegmentPreview preview(Rule rule, long asOf) {
    facts.catchUp();
    InMemoryCounter.Selection selection = counter.select(rule, asOf, SAMPLE_SIZE);
    List<SegmentPreview.Member> sample = members(selection.sampleIds());
    return new SegmentPreview(selection.count(), sample, selection.byRfmSegment());
  }

  /** The customers with these ids, in the order given. */
  private List<SegmentPreview.Member> members(long[] ids) {
    if (ids.length == 0) {
      return List.of();
    }
    String marks = String.join(", ", Collections.nCopies(ids.length, "?"));
    return tx.executeRead(
        status -> {
          Map<Long, SegmentPreview.Member> byId = new HashMap<>();
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "SELECT c.id, c.external_id, c.name, c.country, m.rfm_segment"
                          + CompiledRule.FROM
                          + " WHERE c.id IN ("
                          + marks
                          + ")")) {
            for (int i = 0; i < ids.length; i++) {
              ps.setLong(i + 1, ids[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                byId.put(
                    rs.getLong(1),
                    new SegmentPreview.Member(
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
              }
            }
          }
          List<SegmentPreview.Member> members = new ArrayList<>();
          for (long id : ids) {
            SegmentPreview.Member m = byId.get(id);
            if (m != null) {
              members.add(m);
            }
          }
          return members;
        });
  }

  /**
   * {@link #preview(Rule)} through the compiled SQL: the reference the in-memory preview is checked
   * against.
   */
  public SegmentPreview previewBySql(Rule rule) {
    CompiledRule where = compileFresh(rule);
    return tx.executeRead(
        status -> {
          Connection c = status.getConnection();
          Map<String, Long> split = new TreeMap<>();
          long count = 0;
          try (PreparedStatement ps =
                  prepare(
                      c,
                      "SELECT m.rfm_segment, COUNT(*)"
                          + CompiledRule.FROM
                          + " WHERE "
                          + where.where()
                          + " GROUP BY m.rfm_segment",
                      where.params());
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String segment = rs.getString(1);
              split.merge(segment == null ? NO_RFM_SEGMENT : segment, rs.getLong(2), Long::sum);
              count += rs.getLong(2);
            }
          }
          List<SegmentPreview.Member> sample = new ArrayList<>();
          try (PreparedStatement ps =
                  prepare(
                      c,
                      "SELECT c.external_id, c.name, c.country, m.rfm_segment"
                          + CompiledRule.FROM
                          + " WHERE "
                          + where.where()
                          + " ORDER BY c.id LIMIT "
                          + SAMPLE_SIZE,
                      where.params());
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              sample.add(
                  new SegmentPreview.Member(
                      rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
          }
          return new SegmentPreview(count, sample, split);
        });
  }

  /** A statement of {@code sql} with {@code params} bound in order. */
  static PreparedStatement prepare(Connection c, String sql, List<Object> params)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }
}
