package io.affinity.campaigns.deliverability;

import io.affinity.campaigns.delivery.ReturnPaths;
import io.affinity.core.consent.AddressHasher;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finds the campaign recipient a report is about, most certain first: the VERP token of the return
 * path it came back to (signed, names the row), our Message-ID it quotes, else the latest sent row
 * of a customer with the reported address. Also finds the customers with an address.
 */
@Singleton
class RecipientMatcher {
  static final String VERP = "verp";
  static final String MESSAGE_ID = "message-id";
  static final String ADDRESS = "address";

  private static final String RECIPIENT =
      "SELECT r.id, r.campaign_id, r.customer_id, r.state, c.email FROM campaign_recipients r"
          + " LEFT JOIN customers c ON c.id = r.customer_id WHERE ";

  /** A customer with the reported address. */
  record Customer(long id, String externalId, String email, @Nullable Long consentAt) {}

  private final ReturnPaths returnPaths;

  RecipientMatcher(ReturnPaths returnPaths) {
    this.returnPaths = returnPaths;
  }

  /** The recipient named by the report's VERP token or Message-ID, or null. */
  @Nullable
  RecipientMatch byReference(Connection c, DeliveryReport r) throws SQLException {
    OptionalLong id = returnPaths.recipientOf(r.verpToken());
    if (id.isPresent()) {
      RecipientMatch m = one(c, RECIPIENT + "r.id = ?", id.getAsLong(), VERP);
      if (m != null) {
        return m;
      }
    }
    String messageId = MessageIds.normalise(r.messageId());
    if (messageId != null) {
      return one(c, RECIPIENT + "r.message_id = ? ORDER BY r.id DESC", messageId, MESSAGE_ID);
    }
    return null;
  }

  /** The latest sent recipient row of {@code customers}, or null. */
  @Nullable
  RecipientMatch byCustomers(Connection c, List<Customer> customers) throws SQLException {
    if (customers.isEmpty()) {
      return null;
    }
    String sql =
        RECIPIENT
            + "r.customer_id IN ("
            + String.join(", ", Collections.nCopies(customers.size(), "?"))
            + ") AND r.sent_at IS NOT NULL ORDER BY r.sent_at DESC, r.id DESC";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < customers.size(); i++) {
        ps.setLong(i + 1, customers.get(i).id());
      }
      ps.setMaxRows(1);
      return read(ps, ADDRESS);
    }
  }

  /**
   * The customers whose address is {@code address} (normalised), compared case-insensitively: the
   * address index is asked for the address as given and lower-cased (MariaDB's collation ignores
   * case anyway); only when that finds no one is every address lower-cased and compared.
   */
  List<Customer> customersWith(Connection c, String given, String address) throws SQLException {
    List<Customer> found = customers(c, "email IN (?, ?)", given.trim(), address, address);
    if (found.isEmpty()) {
      found = customers(c, "LOWER(email) = ?", address, null, address);
    }
    return found;
  }

  private static List<Customer> customers(
      Connection c, String where, String first, @Nullable String second, String address)
      throws SQLException {
    List<Customer> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, external_id, email, consent_at FROM customers WHERE "
                + where
                + " ORDER BY id")) {
      ps.setString(1, first);
      if (second != null) {
        ps.setString(2, second);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String email = rs.getString(3);
          if (email != null && AddressHasher.normalise(email).equals(address)) {
            long at = rs.getLong(4);
            out.add(new Customer(rs.getLong(1), rs.getString(2), email, rs.wasNull() ? null : at));
          }
        }
      }
    }
    return out;
  }

  private static RecipientMatch one(Connection c, String sql, Object key, String matchedBy)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, key);
      ps.setMaxRows(1);
      return read(ps, matchedBy);
    }
  }

  private static RecipientMatch read(PreparedStatement ps, String matchedBy) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      return new RecipientMatch(
          rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), matchedBy);
    }
  }
}
