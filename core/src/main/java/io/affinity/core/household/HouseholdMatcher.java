package io.affinity.core.household;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Suggests households: customers with the same surname at the same normalised address and postcode
 * who are not already together in one household. Never merges anything itself.
 */
@Singleton
public class HouseholdMatcher {
  private static final String SQL =
      "SELECT c.external_id, c.name, c.address, c.postcode, h.external_id FROM customers c"
          + " LEFT JOIN households h ON h.id = c.household_id"
          + " WHERE c.address IS NOT NULL AND c.postcode IS NOT NULL AND c.name IS NOT NULL";

  private final TransactionOperations<Connection> tx;

  public HouseholdMatcher(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /** Up to {@code limit} suggestions, largest groups first. */
  public List<HouseholdSuggestion> suggestions(int limit) {
    record Member(String id, String household) {}
    Map<List<String>, List<Member>> groups = new HashMap<>();
    tx.executeRead(
        status -> {
          try (PreparedStatement ps = status.getConnection().prepareStatement(SQL);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String surname = surname(rs.getString(2));
              if (surname.isEmpty()) {
                continue;
              }
              List<String> key =
                  List.of(surname, normalise(rs.getString(3)), normalise(rs.getString(4)));
              groups
                  .computeIfAbsent(key, k -> new ArrayList<>())
                  .add(new Member(rs.getString(1), rs.getString(5)));
            }
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read customers", e);
          }
          return null;
        });
    List<HouseholdSuggestion> suggestions = new ArrayList<>();
    for (Map.Entry<List<String>, List<Member>> g : groups.entrySet()) {
      List<Member> members = g.getValue();
      TreeSet<String> households = new TreeSet<>();
      boolean someWithout = false;
      for (Member m : members) {
        if (m.household() == null) {
          someWithout = true;
        } else {
          households.add(m.household());
        }
      }
      boolean together = !someWithout && households.size() == 1;
      if (members.size() < 2 || together) {
        continue;
      }
      suggestions.add(
          new HouseholdSuggestion(
              g.getKey().get(0),
              g.getKey().get(1),
              g.getKey().get(2),
              List.copyOf(households),
              members.stream().map(Member::id).sorted().toList(),
              households.isEmpty()
                  ? "same surname and address, no household yet"
                  : "same surname and address, in different households or none"));
    }
    suggestions.sort(
        Comparator.comparingInt((HouseholdSuggestion s) -> s.customers().size())
            .reversed()
            .thenComparing(s -> s.customers().get(0)));
    return suggestions.subList(0, Math.min(limit, suggestions.size()));
  }

  /**
   * Lower case, accents and punctuation removed, whitespace collapsed: "12, High St." = "12 high
   * st".
   */
  static String normalise(String s) {
    String plain = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
  }

  /** The last word of a name, normalised: "Ann Smith-Jones" gives "smith jones". */
  static String surname(String name) {
    String[] words = name.trim().split("\\s+");
    return normalise(words[words.length - 1]);
  }
}
