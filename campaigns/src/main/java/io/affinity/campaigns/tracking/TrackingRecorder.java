package io.affinity.campaigns.tracking;

import io.affinity.campaigns.tracking.TrackingToken.Purpose;
import io.affinity.core.event.EventIngestor;
import io.affinity.core.event.EventInput;
import io.affinity.core.event.EventType;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records what a tracking link reports: a row in {@code tracking_events} and, unless the hit is
 * flagged as a probable bot, an event through {@link EventIngestor} (an unsubscribe event withdraws
 * the customer's consent there, in the same transaction). A token that is forged, altered, meant
 * for another endpoint, a preview's, or names a recipient that does not exist records nothing.
 */
@Singleton
public class TrackingRecorder {
  private static final String SOURCE = "email";
  private static final int MAX_USER_AGENT = 500;

  private static final String RECIPIENT_SQL =
      "SELECT r.campaign_id, r.customer_id, r.sent_at, c.external_id FROM campaign_recipients r"
          + " JOIN customers c ON c.id = r.customer_id WHERE r.id = ?";
  private static final String INSERT_SQL =
      "INSERT INTO tracking_events (campaign_id, recipient_id, customer_id, kind, item_id, slot,"
          + " user_agent, ip_hash, probable_bot, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String PRODUCT_URL_SQL = "SELECT url FROM products WHERE external_id = ?";

  private final TokenSigner signer;
  private final BotRules bots;
  private final EventIngestor ingestor;
  private final TransactionOperations<Connection> tx;
  private final TrackingConfiguration config;

  public TrackingRecorder(
      TokenSigner signer,
      BotRules bots,
      EventIngestor ingestor,
      TransactionOperations<Connection> tx,
      TrackingConfiguration config) {
    this.signer = signer;
    this.bots = bots;
    this.ingestor = ingestor;
    this.tx = tx;
    this.config = config;
  }

  /** What became of a hit. */
  public enum Outcome {
    /** Recorded and turned into an event. */
    RECORDED,
    /** Recorded as a probable bot; no event. */
    FLAGGED,
    /** A preview link: nothing recorded. */
    PREVIEW,
    /** Not a valid token for this endpoint, or an unknown recipient: nothing recorded. */
    REJECTED
  }

  /** Who hit a link. */
  public record Client(String userAgent, String ip) {}

  /** The token {@code signed} if it is valid for {@code purpose}. */
  public Optional<TrackingToken> verify(String signed, Purpose purpose) {
    return signer.verify(signed).filter(t -> t.purpose() == purpose);
  }

  /** Records an open of the pixel. */
  public Outcome open(String signed, Client client) {
    return verify(signed, Purpose.OPEN).map(t -> record(t, client, true)).orElse(Outcome.REJECTED);
  }

  /**
   * Records a click and returns where to send the browser: the item's product URL (http or https
   * only), else the shop. A rejected token goes to the shop, never to a URL from the request.
   */
  public String click(String signed, Client client) {
    Optional<TrackingToken> token = verify(signed, Purpose.CLICK);
    if (token.isEmpty()) {
      return config.getShopUrl();
    }
    record(token.get(), client, true);
    return token.get().itemId() == null ? config.getShopUrl() : productUrl(token.get().itemId());
  }

  /** Withdraws consent (RFC 8058 one-click) and records the unsubscribe. */
  public Outcome unsubscribe(String signed, Client client) {
    return verify(signed, Purpose.UNSUBSCRIBE)
        .map(t -> record(t, client, false))
        .orElse(Outcome.REJECTED);
  }

  /** A recipient row as tracking needs it. */
  private record Recipient(long campaignId, long customerId, Long sentAt, String externalId) {}

  private Outcome record(TrackingToken token, Client client, boolean botCheck) {
    if (token.isPreview()) {
      return Outcome.PREVIEW;
    }
    long now = System.currentTimeMillis();
    return tx.executeWrite(
        status -> {
          Connection c = status.getConnection();
          Optional<Recipient> found = recipient(c, token.recipientId());
          if (found.isEmpty() || found.get().campaignId() != token.campaignId()) {
            return Outcome.REJECTED;
          }
          Recipient r = found.get();
          boolean bot = botCheck && bots.probableBot(client.userAgent(), r.sentAt(), now);
          long rowId = insert(c, token, r, client, bot, now);
          if (bot) {
            return Outcome.FLAGGED;
          }
          EventType type =
              switch (token.purpose()) {
                case OPEN -> EventType.OPEN;
                case CLICK -> EventType.CLICK;
                case UNSUBSCRIBE -> EventType.UNSUBSCRIBE;
              };
          // One unsubscribe event per recipient however often the link is used; every open and
          // click is its own event.
          String eventId =
              type == EventType.UNSUBSCRIBE
                  ? "unsubscribe-" + token.campaignId() + "-" + token.recipientId()
                  : "tracking-" + rowId;
          ingestor.ingest(
              List.of(
                  new EventInput(
                      eventId,
                      type.wireName(),
                      r.externalId(),
                      type == EventType.CLICK ? token.itemId() : null,
                      null,
                      null,
                      null,
                      Instant.ofEpochMilli(now),
                      token.campaignId(),
                      SOURCE)));
          return Outcome.RECORDED;
        });
  }

  private static Optional<Recipient> recipient(Connection c, long recipientId) {
    try (PreparedStatement ps = c.prepareStatement(RECIPIENT_SQL)) {
      ps.setLong(1, recipientId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long sentAt = rs.getLong(3);
        return Optional.of(
            new Recipient(
                rs.getLong(1), rs.getLong(2), rs.wasNull() ? null : sentAt, rs.getString(4)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the recipient", e);
    }
  }

  private long insert(
      Connection c, TrackingToken token, Recipient r, Client client, boolean bot, long now) {
    try (PreparedStatement ps = c.prepareStatement(INSERT_SQL, Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, token.campaignId());
      ps.setLong(2, token.recipientId());
      ps.setLong(3, r.customerId());
      ps.setString(4, token.purpose().name().toLowerCase(java.util.Locale.ROOT));
      setNullable(ps, 5, token.itemId());
      setNullable(ps, 6, token.slot());
      String ua = client.userAgent();
      setNullable(
          ps, 7, ua == null ? null : ua.substring(0, Math.min(ua.length(), MAX_USER_AGENT)));
      setNullable(ps, 8, client.ip() == null ? null : signer.hash(client.ip()));
      ps.setBoolean(9, bot);
      ps.setLong(10, now);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not record the tracking event", e);
    }
  }

  private static void setNullable(PreparedStatement ps, int index, String value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  private String productUrl(String itemId) {
    String url =
        tx.executeRead(
            status -> {
              try (PreparedStatement ps =
                  status.getConnection().prepareStatement(PRODUCT_URL_SQL)) {
                ps.setString(1, itemId);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next() ? rs.getString(1) : null;
                }
              } catch (SQLException e) {
                throw new IllegalStateException("Could not read the product", e);
              }
            });
    return SafeUrls.isWebUrl(url) ? url : config.getShopUrl();
  }
}
