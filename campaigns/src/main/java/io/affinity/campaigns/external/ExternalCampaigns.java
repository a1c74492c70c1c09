package io.affinity.campaigns.external;

import io.affinity.campaigns.campaign.RecipientSegment;
import io.affinity.campaigns.lift.CampaignFacts;
import io.affinity.campaigns.lift.CampaignLookup;
import io.affinity.core.bulk.ExternalIds;
import io.affinity.core.bulk.MultiRowInsert;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Campaigns sent by other tools: registering one, and importing its recipients with their arms from
 * CSV, all or nothing, so that the lift report works on it with the events we hold.
 */
@Singleton
public class ExternalCampaigns {
  /** The kind of campaigns registered here. */
  public static final String KIND = "external";

  /** At most this many problems are listed; the rest are counted. */
  public static final int MAX_LISTED_ERRORS = 100;

  private static final String INSERT_CAMPAIGN =
      """
      INSERT INTO campaigns (name, kind, status, variants, control_percent, assignment_seed,
                             attribution_days, started_at, created_at, updated_at)
      VALUES (?, 'external', 'finished', ?, 0, 0, ?, ?, ?, ?)
      """;

  private static final MultiRowInsert RECIPIENTS =
      new MultiRowInsert(
          "campaign_recipients", List.of("campaign_id", "customer_id", "arm", "state", "sent_at"));

  private final TransactionOperations<Connection> tx;
  private final CampaignLookup campaigns;
  private final JsonMapper json;
  private final ExternalIds customerIds = new ExternalIds("customers");
  private final ApplicationEventPublisher<RecipientsImported> imported;

  public ExternalCampaigns(
      TransactionOperations<Connection> tx,
      CampaignLookup campaigns,
      JsonMapper json,
      ApplicationEventPublisher<RecipientsImported> imported) {
    this.tx = tx;
    this.campaigns = campaigns;
    this.json = json;
    this.imported = imported;
  }

  /**
   * Registers an external campaign.
   *
   * @throws InvalidInputException naming every bad field
   */
  public CampaignFacts register(ExternalCampaignInput input) {
    List<String> variants = ExternalCampaignRules.check(input);
    long now = System.currentTimeMillis();
    String variantsJson = variantsJson(variants);
    return tx.executeWrite(
        status -> {
          Connection c = status.getConnection();
          try (PreparedStatement ps =
              c.prepareStatement(INSERT_CAMPAIGN, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, input.name().trim());
            ps.setString(2, variantsJson);
            ps.setInt(3, input.attributionDays());
            ps.setLong(4, input.startedAt().toEpochMilli());
            ps.setLong(5, now);
            ps.setLong(6, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              keys.next();
              return campaigns.find(c, keys.getLong(1));
            }
          } catch (SQLException e) {
            throw new IllegalStateException("Could not register the campaign", e);
          }
        });
  }

  /**
   * Imports the recipients of external campaign {@code id} from {@code csv}: every line is checked
   * (known customer, an arm of the campaign, not twice, not already imported) and either all are
   * stored or none.
   *
   * @throws io.affinity.core.error.NotFoundException if there is no such campaign
   * @throws NotExternalCampaignException if it is not an external campaign
   * @throws InvalidInputException listing the bad lines by number
   */
  public ImportedRecipients importRecipients(long id, Reader csv) {
    ImportedRecipients done =
        tx.executeWrite(
            status -> {
              Connection c = status.getConnection();
              CampaignFacts campaign = campaigns.find(c, id);
              if (!KIND.equals(campaign.kind())) {
                throw new NotExternalCampaignException(id, campaign.kind());
              }
              try {
                return importInto(c, campaign, csv);
              } catch (SQLException e) {
                throw new IllegalStateException("Could not import recipients of " + id, e);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    imported.publishEvent(new RecipientsImported(id)); // after the commit
    return done;
  }

  private ImportedRecipients importInto(Connection c, CampaignFacts campaign, Reader csv)
      throws SQLException, IOException {
    List<FieldError> errors = new ArrayList<>();
    List<RecipientLine> lines = RecipientCsv.read(csv, errors);
    Set<String> arms = new LinkedHashSet<>(campaign.variants());
    arms.add(CampaignFacts.CONTROL);
    Set<String> distinct = new HashSet<>();
    for (RecipientLine l : lines) {
      distinct.add(l.customerId());
    }
    Map<String, Long> ids = customerIds.find(c, distinct);
    LongOpenHashSet already = existingRecipients(c, campaign.id());
    Map<String, Long> firstLine = new HashMap<>();
    List<Object[]> rows = new ArrayList<>(lines.size());
    Map<String, Long> byArm = new TreeMap<>();
    for (RecipientLine l : lines) {
      String at = "line " + l.line();
      if (!arms.contains(l.arm())) {
        errors.add(new FieldError(at + ".arm", "'" + l.arm() + "' is not one of " + arms));
      }
      Long previous = firstLine.putIfAbsent(l.customerId(), l.line());
      Long customer = ids.get(l.customerId());
      if (previous != null) {
        errors.add(
            new FieldError(
                at + ".customer_id",
                "customer '" + l.customerId() + "' is already on line " + previous));
      } else if (customer == null) {
        errors.add(
            new FieldError(at + ".customer_id", "no customer with id '" + l.customerId() + "'"));
      } else if (already.contains(customer.longValue())) {
        errors.add(
            new FieldError(
                at + ".customer_id",
                "customer '" + l.customerId() + "' is already a recipient of this campaign"));
      } else {
        boolean control = l.arm().equals(CampaignFacts.CONTROL);
        rows.add(
            new Object[] {campaign.id(), customer, l.arm(), control ? "control" : "sent", null});
        byArm.merge(l.arm(), 1L, Long::sum);
      }
    }
    if (errors.isEmpty() && rows.isEmpty()) {
      errors.add(new FieldError("body", "no recipients: send a header and at least one line"));
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    int inserted = RECIPIENTS.insertIgnore(c, rows);
    if (inserted != rows.size()) {
      // Another import of the same campaign got in first: roll back rather than half-import.
      throw new InvalidInputException(
          "body", "another import added some of these recipients meanwhile; nothing was stored");
    }
    RecipientSegment.fill(c, campaign.id());
    updateControlShare(c, campaign.id());
    return new ImportedRecipients(campaign.id(), rows.size(), byArm);
  }

  private static InvalidInputException invalid(List<FieldError> errors) {
    List<FieldError> listed = errors;
    String more = "";
    if (errors.size() > MAX_LISTED_ERRORS) {
      listed = errors.subList(0, MAX_LISTED_ERRORS);
      more = " (the first " + MAX_LISTED_ERRORS + " are listed)";
    }
    return new InvalidInputException(
        errors.size() + " problem(s) in the CSV" + more + "; no recipient was imported", listed);
  }

  private static LongOpenHashSet existingRecipients(Connection c, long campaign)
      throws SQLException {
    LongOpenHashSet ids = new LongOpenHashSet();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT customer_id FROM campaign_recipients WHERE campaign_id = ?")) {
      ps.setLong(1, campaign);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  /** Records the control share actually imported, which the report shows as the holdout. */
  private static void updateControlShare(Connection c, long campaign) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            UPDATE campaigns SET updated_at = ?, control_percent = (
              SELECT ROUND(100.0 * SUM(CASE WHEN arm = 'control' THEN 1 ELSE 0 END) / COUNT(*), 2)
              FROM campaign_recipients WHERE campaign_id = ?)
            WHERE id = ?
            """)) {
      ps.setLong(1, System.currentTimeMillis());
      ps.setLong(2, campaign);
      ps.setLong(3, campaign);
      ps.executeUpdate();
    }
  }

  private String variantsJson(List<String> variants) {
    List<Map<String, String>> list = new ArrayList<>();
    for (String v : variants) {
      list.add(Map.of("name", v));
    }
    try {
      return json.writeValueAsString(list);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
