package io.affinity.core.consent;

import io.affinity.core.consent.ConsentDecision.Outcome;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The consent ledger: records statements (append-only, {@code consent_ledger}) and keeps the state
 * derived from them current in the same transaction ({@code customers.consent_state}, {@code
 * email_consent}, {@code consent_at}, {@code consent_source}; {@code consent_topics}), and the
 * suppression list with it: an unsubscribe, a complaint or a hard bounce suppresses the address; a
 * confirmed re-subscription lifts it. {@link ConsentRules} decides.
 */
@Singleton
public class ConsentLedger {
  /** The frequencies a person may choose in the preference centre. */
  public static final Set<String> FREQUENCIES = Set.of("weekly", "monthly");

  private static final int IN_LIST = 500;
  private static final int MAX_ROWS_LIMIT = 50_000_000;
  private static final int TEXT = 500;

  private final SuppressionList suppressions;
  private final TransactionOperations<Connection> tx;

  public ConsentLedger(SuppressionList suppressions, TransactionOperations<Connection> tx) {
    this.suppressions = suppressions;
    this.tx = tx;
  }

  /** Records {@code statements} in the current transaction (or a new one); decisions in order. */
  public List<ConsentDecision> record(List<ConsentStatement> statements) {
    if (statements.isEmpty()) {
      return List.of();
    }
    return tx.executeWrite(
        status -> {
          try {
            return record(status.getConnection(), statements);
          } catch (SQLException e) {
            throw new IllegalStateException("Could not record consent", e);
          }
        });
  }

  /** The state of one customer as the ledger keeps it, per customer of a batch. */
  private static final class Held {
    ConsentState state;
    Long at;
    String source;
    String email;
    String suppression;
    boolean changed;
    final Map<String, Topic> topics = new HashMap<>();
  }

  private record Topic(boolean granted, long at, String source) {}

  /**
   * Records {@code statements} on {@code c}, in its transaction: statements about the same customer
   * are decided in order, each against the state the previous ones left.
   */
  public List<ConsentDecision> record(Connection c, List<ConsentStatement> statements)
      throws SQLException {
    Map<Long, Held> held = read(c, statements);
    long now = System.currentTimeMillis();
    List<ConsentDecision> decisions = new ArrayList<>(statements.size());
    List<Object[]> ledgerRows = new ArrayList<>();
    Map<Long, Held> topicChanges = new LinkedHashMap<>();
    Map<String, Object[]> toSuppress = new LinkedHashMap<>();
    Set<String> toLift = new LinkedHashSet<>();
    for (ConsentStatement stated : statements) {
      // A statement dated in the future would outrank every later one: it counts from now.
      ConsentStatement s = stated.statedAt() > now ? stated.datedAt(now) : stated;
      Held h = held.get(s.customerId());
      if (h == null) {
        decisions.add(ConsentDecision.refused("unknown customer"));
        continue;
      }
      Topic t = s.topic() == null ? null : h.topics.get(s.topic());
      ConsentDecision d =
          ConsentRules.decide(
              new ConsentRules.Current(
                  h.state,
                  h.at,
                  h.source,
                  t == null ? null : t.granted(),
                  t == null ? null : t.at(),
                  t == null ? null : t.source(),
                  h.suppression),
              s);
      decisions.add(d);
      String note = s.note();
      if (d.outcome() == Outcome.APPLIED) {
        if (s.topic() == null) {
          h.state = s.granted() ? ConsentState.GRANTED : ConsentState.WITHDRAWN;
          h.at = s.statedAt();
          h.source = s.source().wireName();
          h.changed = true;
          if (s.granted() && h.suppression != null && h.email != null) {
            toLift.add(AddressHasher.normalise(h.email));
            toSuppress.remove(AddressHasher.normalise(h.email));
            note = join(note, "suppression (" + h.suppression + ") lifted");
            h.suppression = null;
          }
        } else {
          h.topics.put(s.topic(), new Topic(s.granted(), s.statedAt(), s.source().wireName()));
          topicChanges.put(s.customerId(), h);
        }
      }
      String reason = s.source().suppressionReason();
      if (!s.granted() && s.topic() == null && reason != null && h.email != null) {
        String address = AddressHasher.normalise(h.email);
        if (h.suppression == null) {
          toSuppress.put(address, new Object[] {reason, s.evidence()});
          toLift.remove(address);
          h.suppression = reason;
        }
      }
      if (d.outcome() != Outcome.UNCHANGED) {
        ledgerRows.add(ledgerRow(s, now, d.outcome() == Outcome.APPLIED, join(note, d.reason())));
      }
    }
    insertLedger(c, ledgerRows);
    updateCustomers(c, held, now);
    writeTopics(c, topicChanges);
    for (String address : toLift) {
      suppressions.lift(c, address);
    }
    for (Map.Entry<String, Object[]> e : toSuppress.entrySet()) {
      suppressions.suppress(
          c, e.getKey(), (String) e.getValue()[0], (String) e.getValue()[1], null);
    }
    return decisions;
  }

  /**
   * Records a frequency chosen in the preference centre ({@code weekly}, {@code monthly}, or null
   * for any) with the person's address and browser.
   */
  public void chooseFrequency(
      Connection c,
      long customerId,
      @Nullable String frequency,
      @Nullable String evidence,
      @Nullable String ip,
      @Nullable String userAgent)
      throws SQLException {
    if (frequency != null && !FREQUENCIES.contains(frequency)) {
      throw new IllegalArgumentException("Unknown frequency '" + frequency + "'");
    }
    long now = System.currentTimeMillis();
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE customers SET email_frequency = ?, updated_at = ? WHERE id = ?")) {
      setText(ps, 1, frequency);
      ps.setLong(2, now);
      ps.setLong(3, customerId);
      ps.executeUpdate();
    }
    ConsentStatement s =
        new ConsentStatement(
            customerId,
            ConsentStatement.EMAIL,
            null,
            true,
            now,
            ConsentSource.PREFERENCE_CENTRE,
            evidence,
            ip,
            userAgent,
            null);
    insertLedger(
        c,
        List.<Object[]>of(
            ledgerRow(s, now, true, "frequency: " + (frequency == null ? "any" : frequency))));
  }

  /** The latest {@code limit} statements about {@code customerId}, newest first. */
  public List<ConsentEntry> history(Connection c, long customerId, int limit) throws SQLException {
    List<ConsentEntry> entries = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, channel, topic, granted, stated_at, recorded_at, source, evidence, ip,"
                + " user_agent, applied, note FROM consent_ledger WHERE customer_id = ?"
                + " ORDER BY id DESC")) {
      ps.setLong(1, customerId);
      // MySQL Connector/J refuses a row limit above 50,000,000: larger means all of them.
      if (limit < MAX_ROWS_LIMIT) {
        ps.setMaxRows(limit);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entries.add(
              new ConsentEntry(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getBoolean(4),
                  Instant.ofEpochMilli(rs.getLong(5)),
                  Instant.ofEpochMilli(rs.getLong(6)),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  rs.getString(10),
                  rs.getBoolean(11),
                  rs.getString(12)));
        }
      }
    }
    return entries;
  }

  /** The topics {@code customerId} left (their own statement, not following the channel). */
  public List<String> topicsLeft(Connection c, long customerId) throws SQLException {
    List<String> topics = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT topic FROM consent_topics WHERE customer_id = ? AND channel = ? AND granted ="
                + " FALSE ORDER BY topic")) {
      ps.setLong(1, customerId);
      ps.setString(2, ConsentStatement.EMAIL);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          topics.add(rs.getString(1));
        }
      }
    }
    return topics;
  }

  private Map<Long, Held> read(Connection c, List<ConsentStatement> statements)
      throws SQLException {
    List<Long> ids =
        new ArrayList<>(
            new LinkedHashSet<>(statements.stream().map(ConsentStatement::customerId).toList()));
    Set<String> topics = new LinkedHashSet<>();
    for (ConsentStatement s : statements) {
      if (s.topic() != null) {
        topics.add(s.topic());
      }
    }
    Map<Long, Held> held = new HashMap<>();
    for (int from = 0; from < ids.size(); from += IN_LIST) {
      List<Long> part = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, consent_state, consent_at, consent_source, email FROM customers WHERE"
                  + " id IN ("
                  + marks(part.size())
                  + ")")) {
        for (int i = 0; i < part.size(); i++) {
          ps.setLong(i + 1, part.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Held h = new Held();
            h.state = ConsentState.of(rs.getString(2));
            long at = rs.getLong(3);
            h.at = rs.wasNull() ? null : at;
            h.source = rs.getString(4);
            h.email = rs.getString(5);
            held.put(rs.getLong(1), h);
          }
        }
      }
      if (!topics.isEmpty()) {
        readTopics(c, part, held);
      }
    }
    List<String> emails = new ArrayList<>();
    for (Held h : held.values()) {
      if (h.email != null) {
        emails.add(h.email);
      }
    }
    Map<String, String> suppressed = suppressions.reasons(c, emails);
    for (Held h : held.values()) {
      if (h.email != null) {
        h.suppression = suppressed.get(AddressHasher.normalise(h.email));
      }
    }
    return held;
  }

  private static void readTopics(Connection c, List<Long> part, Map<Long, Held> held)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT customer_id, topic, granted, stated_at, source FROM consent_topics WHERE"
                + " channel = ? AND customer_id IN ("
                + marks(part.size())
                + ")")) {
      ps.setString(1, ConsentStatement.EMAIL);
      for (int i = 0; i < part.size(); i++) {
        ps.setLong(i + 2, part.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Held h = held.get(rs.getLong(1));
          if (h != null) {
            h.topics.put(
                rs.getString(2), new Topic(rs.getBoolean(3), rs.getLong(4), rs.getString(5)));
          }
        }
      }
    }
  }

  private static Object[] ledgerRow(ConsentStatement s, long now, boolean applied, String note) {
    return new Object[] {
      s.customerId(),
      s.channel(),
      s.topic(),
      s.granted(),
      s.statedAt(),
      now,
      s.source().wireName(),
      clip(s.evidence()),
      clip(s.ip()),
      clip(s.userAgent()),
      applied,
      clip(note)
    };
  }

  private static void insertLedger(Connection c, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO consent_ledger (customer_id, channel, topic, granted, stated_at,"
                + " recorded_at, source, evidence, ip, user_agent, applied, note) VALUES (?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Object[] r : rows) {
        ps.setLong(1, (Long) r[0]);
        ps.setString(2, (String) r[1]);
        setText(ps, 3, (String) r[2]);
        ps.setBoolean(4, (Boolean) r[3]);
        ps.setLong(5, (Long) r[4]);
        ps.setLong(6, (Long) r[5]);
        ps.setString(7, (String) r[6]);
        setText(ps, 8, (String) r[7]);
        setText(ps, 9, (String) r[8]);
        setText(ps, 10, (String) r[9]);
        ps.setBoolean(11, (Boolean) r[10]);
        setText(ps, 12, (String) r[11]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void updateCustomers(Connection c, Map<Long, Held> held, long now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE customers SET email_consent = ?, consent_state = ?, consent_at = ?,"
                + " consent_source = ?, updated_at = ? WHERE id = ?")) {
      int n = 0;
      for (Map.Entry<Long, Held> e : held.entrySet()) {
        Held h = e.getValue();
        if (!h.changed) {
          continue;
        }
        ps.setBoolean(1, h.state == ConsentState.GRANTED);
        ps.setString(2, h.state.wireName());
        ps.setLong(3, h.at);
        ps.setString(4, h.source);
        ps.setLong(5, now);
        ps.setLong(6, e.getKey());
        ps.addBatch();
        n++;
      }
      if (n > 0) {
        ps.executeBatch();
      }
    }
  }

  private static void writeTopics(Connection c, Map<Long, Held> changed) throws SQLException {
    if (changed.isEmpty()) {
      return;
    }
    // Delete and insert: the same two statements on H2 and MariaDB.
    try (PreparedStatement delete =
            c.prepareStatement(
                "DELETE FROM consent_topics WHERE customer_id = ? AND channel = ? AND topic = ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO consent_topics (customer_id, channel, topic, granted, stated_at,"
                    + " source) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<Long, Held> e : changed.entrySet()) {
        for (Map.Entry<String, Topic> t : e.getValue().topics.entrySet()) {
          delete.setLong(1, e.getKey());
          delete.setString(2, ConsentStatement.EMAIL);
          delete.setString(3, t.getKey());
          delete.addBatch();
          insert.setLong(1, e.getKey());
          insert.setString(2, ConsentStatement.EMAIL);
          insert.setString(3, t.getKey());
          insert.setBoolean(4, t.getValue().granted());
          insert.setLong(5, t.getValue().at());
          insert.setString(6, t.getValue().source());
          insert.addBatch();
        }
      }
      delete.executeBatch();
      insert.executeBatch();
    }
  }

  private static String join(@Nullable String a, @Nullable String b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a + "; " + b;
  }

  private static String clip(@Nullable String s) {
    return s == null || s.length() <= TEXT ? s : s.substring(0, TEXT);
  }

  private static void setText(PreparedStatement ps, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
