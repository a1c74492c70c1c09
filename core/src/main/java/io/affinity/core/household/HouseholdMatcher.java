package io.affinity.core.household;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

  /** Ids per query: well under every driver's limit on bound parameters. */
  private static final int CHUNK = 1000;

  private final TransactionOperations<Connection> tx;

  public HouseholdMatcher(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /** Up to {@code limit} suggestions, largest groups first. */
  public List<HouseholdSuggestion> suggestions(int limit) {
    List<Row> rows = new ArrayList<>();
    tx.executeRead(
        status -> {
          try (PreparedStatement ps = status.getConnection().prepareStatement(SQL)) {
            read(ps, rows);
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read customers", e);
          }
          return null;
        });
    List<HouseholdSuggestion> all = group(rows);
    return all.subList(0, Math.min(limit, all.size()));
  }

  /**
   * The suggestions that involve any of the given customers, as an import reports them: only
   * customers sharing a postcode with one of them are read, so a batch costs a few indexed reads
   * rather than a scan of every customer.
   *
   * @param externalIds the shop's ids of the customers just imported
   */
  public List<HouseholdSuggestion> suggestionsFor(Collection<String> externalIds) {
    List<Row> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<String> ids = List.copyOf(new LinkedHashSet<>(externalIds));
    tx.executeRead(
        status -> {
          for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String sql =
                SQL
                    + " AND c.postcode IN (SELECT postcode FROM customers WHERE external_id IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?"))
                    + "))";
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
              for (int i = 0; i < chunk.size(); i++) {
                ps.setString(i + 1, chunk.get(i));
              }
              List<Row> read = new ArrayList<>();
              read(ps, read);
              for (Row r : read) {
                if (seen.add(r.id())) {
                  rows.add(r);
                }
              }
            } catch (SQLException e) {
              throw new IllegalStateException("Could not read customers", e);
            }
          }
          return null;
        });
    Set<String> wanted = new HashSet<>(ids);
    return group(rows).stream()
        .filter(s -> s.customers().stream().anyMatch(wanted::contains))
        .toList();
  }

  /** One customer as matching sees it. */
  private record Row(String id, String name, String address, String postcode, String household) {}

  private static void read(PreparedStatement ps, List<Row> into) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        into.add(
            new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5)));
      }
    }
  }

  /** Groups customers by surname, address and postcode; keeps groups not already together. */
  private static List<HouseholdSuggestion> group(List<Row> rows) {
    Map<List<String>, List<Row>> groups = new HashMap<>();
    for (Row r : rows) {
      String surname = surname(r.name());
      if (surname.isEmpty()) {
        continue;
      }
      List<String> key = List.of(surname, normalise(r.address()), normalise(r.postcode()));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    List<HouseholdSuggestion> suggestions = new ArrayList<>();
    for (Map.Entry<List<String>, List<Row>> g : groups.entrySet()) {
      List<Row> members = g.getValue();
      TreeSet<String> households = new TreeSet<>();
      boolean someWithout = false;
      for (Row m : members) {
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
              members.stream().map(Row::id).sorted().toList(),
              households.isEmpty()
                  ? "same surname and address, no household yet"
                  : "same surname and address, in different households or none"));
    }
    suggestions.sort(
        Comparator.comparingInt((HouseholdSuggestion s) -> s.customers().size())
            .reversed()
            .thenComparing(s -> s.customers().get(0)));
    return suggestions;
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
