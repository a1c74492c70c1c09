package io.affinity.core.privacy;

import io.affinity.core.attributes.AttributesCodec;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The customer's profile and household membership. Erasure clears every field that describes the
 * person (address, name, postal address, postcode, country, free-text attributes, preferred
 * channel, chosen frequency), takes them out of their household (and clears the household's own
 * name and address when nobody is left in it), and replaces the shop's id with an opaque {@code
 * erased-<random>} one, so that the shop's id no longer finds the row. The row itself stays, under
 * our internal id, for the pseudonymous events, campaign recipient rows and value figures that
 * point at it; {@code erased_at} marks it.
 */
@Singleton
public class ProfilePart implements PersonalDataPart {
  /** What every erased customer's new id starts with. */
  public static final String ERASED_ID_PREFIX = "erased-";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final AttributesCodec attributes;

  public ProfilePart(AttributesCodec attributes) {
    this.attributes = attributes;
  }

  @Override
  public String name() {
    return "profile";
  }

  @Override
  public int getOrder() {
    return 100;
  }

  @Override
  public void erase(Connection c, PrivacySubject subject) throws SQLException {
    long now = System.currentTimeMillis();
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE customers SET external_id = ?, email = NULL, name = NULL, address = NULL,"
                + " postcode = NULL, country = NULL, attributes = NULL, preferred_channel = NULL,"
                + " email_frequency = NULL, household_id = NULL, erased_at = ?, updated_at = ?"
                + " WHERE id = ?")) {
      ps.setString(1, erasedId());
      ps.setLong(2, now);
      ps.setLong(3, now);
      ps.setLong(4, subject.id());
      ps.executeUpdate();
    }
    if (subject.householdId() != null) {
      // A household left empty described only this person: its name and address go too. One
      // that others still live in keeps them (they are the others' as well).
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE households SET name = NULL, address = NULL, postcode = NULL, country = NULL,"
                  + " attributes = NULL, updated_at = ? WHERE id = ? AND NOT EXISTS"
                  + " (SELECT 1 FROM customers WHERE household_id = ?)")) {
        ps.setLong(1, now);
        ps.setLong(2, subject.householdId());
        ps.setLong(3, subject.householdId());
        ps.executeUpdate();
      }
    }
  }

  @Override
  public Object export(Connection c, PrivacySubject subject) throws SQLException {
    Map<String, Object> row =
        ExportRows.one(
            c,
            "SELECT external_id AS id, email, name, address, postcode, country, preferred_channel,"
                + " attributes, created_at, updated_at FROM customers WHERE id = ?",
            subject.id());
    Map<String, Object> profile = new LinkedHashMap<>(row);
    profile.put("attributes", attributes.read((String) row.get("attributes")));
    Map<String, Object> household =
        subject.householdId() == null
            ? null
            : ExportRows.one(
                c,
                "SELECT external_id AS id, name, address, postcode, country FROM households"
                    + " WHERE id = ?",
                subject.householdId());
    // The household's own fields only: its other members are other people.
    profile.put("household", household);
    return profile;
  }

  private static String erasedId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return ERASED_ID_PREFIX + HexFormat.of().formatHex(bytes);
  }
}
