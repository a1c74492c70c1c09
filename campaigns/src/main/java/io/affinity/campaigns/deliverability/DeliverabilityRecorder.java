package io.affinity.campaigns.deliverability;

import io.affinity.campaigns.campaign.RecipientState;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.deliverability.RecipientMatcher.Customer;
import io.affinity.core.consent.AddressHasher;
import io.affinity.core.consent.ConsentDecision;
import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentStatement;
import io.affinity.core.consent.SuppressionList;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Records delivery reports: keeps each one ({@code delivery_reports}, the address as its keyed
 * hash), matches it to its campaign recipient, and acts on it. A hard bounce suppresses the address
 * at once, withdraws the e-mail consent of every customer with it (source {@code bounce}) and marks
 * the recipient {@code bounced}; a complaint does the same with {@code complained}; a soft bounce
 * is counted, and the {@code soft-bounce-limit}th in the window suppresses the address ({@code
 * soft-bounced}) and withdraws consent. The same report received twice changes nothing the second
 * time. A report about an address or message we do not know is kept and matches nothing.
 */
@Singleton
public class DeliverabilityRecorder {
  private final Transactions tx;
  private final RecipientMatcher matcher;
  private final SuppressionList suppressions;
  private final ConsentLedger ledger;
  private final DeliverabilityConfiguration config;

  DeliverabilityRecorder(
      Transactions tx,
      RecipientMatcher matcher,
      SuppressionList suppressions,
      ConsentLedger ledger,
      DeliverabilityConfiguration config) {
    this.tx = tx;
    this.matcher = matcher;
    this.suppressions = suppressions;
    this.ledger = ledger;
    this.config = config;
  }

  /** Records {@code reports} in one transaction: all of them or, on an error, none. */
  public List<ReportResult> record(List<DeliveryReport> reports) {
    return tx.write(
        c -> {
          List<ReportResult> results = new ArrayList<>(reports.size());
          for (DeliveryReport r : reports) {
            results.add(record(c, r));
          }
          return results;
        });
  }

  /** Records {@code r} on {@code c}, in its transaction. */
  public ReportResult record(Connection c, DeliveryReport r) throws SQLException {
    long now = System.currentTimeMillis();
    List<String> actions = new ArrayList<>();
    RecipientMatch match = matcher.byReference(c, r);
    if (r.verpToken() != null
        && (match == null || !RecipientMatcher.VERP.equals(match.matchedBy()))) {
      actions.add("the VERP token '" + r.verpToken() + "' names no recipient of ours: not used");
    }
    String given = r.address() != null && !r.address().isBlank() ? r.address() : null;
    if (given == null && match != null) {
      given = match.email();
    }
    String address = given == null ? null : AddressHasher.normalise(given);
    List<Customer> customers =
        address == null ? List.of() : matcher.customersWith(c, given, address);
    if (match == null) {
      match = matcher.byCustomers(c, customers);
    }
    String addressHash = address == null ? null : suppressions.hash(address);
    String detail = Diagnostics.redact(r.detail(), given);
    boolean recorded = insert(c, r, addressHash, match, detail, now);
    List<String> customerIds = customers.stream().map(Customer::externalId).toList();
    if (!recorded) {
      actions.add("already recorded: nothing changed");
      return result(r, given, match, customerIds, true, actions);
    }
    Long campaignId = match == null ? null : match.campaignId();
    if (match == null) {
      actions.add("matched no campaign recipient");
    }
    if (address == null) {
      actions.add("no address: nothing suppressed");
    }
    switch (r.kind()) {
      case HARD_BOUNCE -> {
        suppress(c, address, SuppressionList.BOUNCED, detail, campaignId, actions);
        withdraw(c, customers, r, ConsentSource.BOUNCE, match, now, actions);
        mark(c, match, RecipientState.BOUNCED, "hard bounce", r, detail, actions);
      }
      case COMPLAINT -> {
        suppress(c, address, SuppressionList.COMPLAINED, detail, campaignId, actions);
        withdraw(c, customers, r, ConsentSource.COMPLAINT, match, now, actions);
        mark(c, match, RecipientState.COMPLAINED, "complaint", r, detail, actions);
      }
      case SOFT_BOUNCE -> {
        if (addressHash != null) {
          Duration window = config.getSoftBounceWindow();
          int count = softBounces(c, addressHash, r.occurredAt(), window);
          actions.add(
              "soft bounce "
                  + count
                  + " of "
                  + config.getSoftBounceLimit()
                  + " within "
                  + window.toDays()
                  + " days");
          if (count >= config.getSoftBounceLimit()) {
            suppress(c, address, SuppressionList.SOFT_BOUNCED, detail, campaignId, actions);
            withdraw(c, customers, r, ConsentSource.BOUNCE, match, now, actions);
          }
        }
      }
      case DELIVERED -> actions.add("recorded");
    }
    return result(r, given, match, customerIds, false, actions);
  }

  private static ReportResult result(
      DeliveryReport r,
      String address,
      RecipientMatch match,
      List<String> customers,
      boolean duplicate,
      List<String> actions) {
    return new ReportResult(
        r.kind().wireName(),
        r.provider(),
        address,
        match == null ? null : match.matchedBy(),
        match == null ? null : match.campaignId(),
        match == null ? null : match.recipientId(),
        customers,
        duplicate,
        List.copyOf(actions));
  }

  private void suppress(
      Connection c,
      @Nullable String address,
      String reason,
      @Nullable String detail,
      @Nullable Long campaignId,
      List<String> actions)
      throws SQLException {
    if (address == null) {
      return;
    }
    if (suppressions.suppress(c, address, reason, detail, campaignId)) {
      actions.add("address suppressed (" + reason + ")");
    } else {
      actions.add("address already suppressed (" + suppressions.reason(c, address) + ")");
    }
  }

  /**
   * Withdraws the e-mail consent of {@code customers} in the ledger. The statement is dated when
   * the report says it happened, unless the customer's state on record is newer (a sync after the
   * bounce but before we heard of it): then it is dated now, so that it is not refused as older,
   * and the note keeps the time it happened.
   */
  private void withdraw(
      Connection c,
      List<Customer> customers,
      DeliveryReport r,
      ConsentSource source,
      @Nullable RecipientMatch match,
      long now,
      List<String> actions)
      throws SQLException {
    if (customers.isEmpty()) {
      return;
    }
    String evidence =
        r.provider()
            + (r.providerEventId() == null ? "" : " " + r.providerEventId())
            + (match == null
                ? ""
                : ", campaign " + match.campaignId() + " recipient " + match.recipientId());
    List<ConsentStatement> statements = new ArrayList<>();
    for (Customer customer : customers) {
      boolean late = customer.consentAt() != null && customer.consentAt() > r.occurredAt();
      ConsentStatement s =
          ConsentStatement.email(
              customer.id(),
              false,
              late ? Math.max(now, customer.consentAt()) : r.occurredAt(),
              source,
              evidence);
      statements.add(
          late
              ? s.withNote(
                  "reported " + r.kind().wireName() + " of " + Instant.ofEpochMilli(r.occurredAt()))
              : s);
    }
    List<ConsentDecision> decisions = ledger.record(c, statements);
    for (int i = 0; i < customers.size(); i++) {
      ConsentDecision d = decisions.get(i);
      String who = "customer " + customers.get(i).externalId();
      actions.add(
          switch (d.outcome()) {
            case APPLIED -> "e-mail consent of " + who + " withdrawn (" + source.wireName() + ")";
            case UNCHANGED -> "e-mail consent of " + who + " was already withdrawn";
            case REFUSED -> "withdrawal for " + who + " recorded, not applied: " + d.reason();
          });
    }
  }

  private static void mark(
      Connection c,
      @Nullable RecipientMatch match,
      RecipientState state,
      String what,
      DeliveryReport r,
      @Nullable String detail,
      List<String> actions)
      throws SQLException {
    if (match == null) {
      return;
    }
    String error =
        Diagnostics.clip(what + " (" + r.provider() + ")" + (detail == null ? "" : ": " + detail));
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE campaign_recipients SET state = ?, error = ? WHERE id = ? AND state IN ('sent',"
                + " 'ambiguous')")) {
      ps.setString(1, state.wireName());
      ps.setString(2, error);
      ps.setLong(3, match.recipientId());
      if (ps.executeUpdate() > 0) {
        actions.add(
            "recipient "
                + match.recipientId()
                + " of campaign "
                + match.campaignId()
                + ": "
                + match.state()
                + " -> "
                + state.wireName());
      } else {
        actions.add(
            "recipient "
                + match.recipientId()
                + " of campaign "
                + match.campaignId()
                + " left "
                + match.state());
      }
    }
  }

  /**
   * The soft bounces of the address in the window that ends at {@code at}, this one included: a
   * report that arrives late counts those before it, not those after it.
   */
  private static int softBounces(Connection c, String addressHash, long at, Duration window)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM delivery_reports WHERE address_hash = ? AND kind = ? AND"
                + " occurred_at > ? AND occurred_at <= ?")) {
      ps.setString(1, addressHash);
      ps.setString(2, ReportKind.SOFT_BOUNCE.wireName());
      ps.setLong(3, at - window.toMillis());
      ps.setLong(4, at);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Inserts the report unless the same one is on record; whether it was inserted. */
  private static boolean insert(
      Connection c,
      DeliveryReport r,
      @Nullable String addressHash,
      @Nullable RecipientMatch match,
      @Nullable String detail,
      long now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT IGNORE INTO delivery_reports (kind, address_hash, campaign_id, recipient_id,"
                + " matched_by, provider, provider_event_id, detail, occurred_at, received_at,"
                + " dedup_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, r.kind().wireName());
      setText(ps, 2, addressHash);
      if (match == null) {
        ps.setNull(3, Types.BIGINT);
        ps.setNull(4, Types.BIGINT);
        ps.setNull(5, Types.VARCHAR);
      } else {
        ps.setLong(3, match.campaignId());
        ps.setLong(4, match.recipientId());
        ps.setString(5, match.matchedBy());
      }
      ps.setString(6, r.provider());
      setText(ps, 7, clip(r.providerEventId(), 200));
      setText(ps, 8, detail);
      ps.setLong(9, r.occurredAt());
      ps.setLong(10, now);
      ps.setString(11, dedupKey(r, addressHash));
      return ps.executeUpdate() > 0;
    }
  }

  /** What identifies a report: the same fields give the same key, whenever they arrive. */
  static String dedupKey(DeliveryReport r, @Nullable String addressHash) {
    String identity =
        String.join(
            "\n",
            r.provider(),
            String.valueOf(r.providerEventId()),
            r.kind().wireName(),
            String.valueOf(addressHash),
            String.valueOf(MessageIds.normalise(r.messageId())),
            String.valueOf(r.verpToken()),
            r.providerEventId() == null ? String.valueOf(r.occurredAt()) : "");
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(identity.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String clip(@Nullable String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static void setText(PreparedStatement ps, int i, @Nullable String value)
      throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, value);
    }
  }
}
