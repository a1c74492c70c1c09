package io.affinity.campaigns.tracking;

import io.affinity.campaigns.tracking.TrackingToken.Purpose;
import io.affinity.core.consent.ConsentDecision;
import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentStatement;
import io.affinity.core.event.EventIngestor;
import io.affinity.core.event.EventInput;
import io.affinity.core.event.EventType;
import io.micronaut.core.annotation.Nullable;
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
 * flagged as a probable bot, an event through {@link EventIngestor}. An unsubscribe also withdraws
 * all e-mail in the {@link ConsentLedger}, in the same transaction, which decides the consent and
 * suppresses the address. A token that is forged, altered, meant for another endpoint, a preview's,
 * or names a recipient that does not exist records nothing.
 */
@Singleton
public class TrackingRecorder {
  /**
   * The source of the events tracking ingests. The ledger entry of an unsubscribe is written here,
   * so {@link EventIngestor} must not write a second one for an unsubscribe event with this source.
   */
  public static final String SOURCE = "email";

  private static final int MAX_USER_AGENT = 500;

  // An erased customer's old links record nothing (no browser, address or event is kept about
  // them again); a click still leads to the product.
  private static final String RECIPIENT_SQL =
      "SELECT r.campaign_id, r.customer_id, r.sent_at, c.external_id FROM campaign_recipients r"
          + " JOIN customers c ON c.id = r.customer_id WHERE r.id = ? AND c.erased_at IS NULL";
  private static final String INSERT_SQL =
      "INSERT INTO tracking_events (campaign_id, recipient_id, customer_id, kind, item_id, slot,"
          + " user_agent, ip_hash, probable_bot, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String PRODUCT_URL_SQL = "SELECT url FROM products WHERE external_id = ?";

  private final TokenSigner signer;
  private final BotRules bots;
  private final EventIngestor ingestor;
  private final ConsentLedger ledger;
  private final TransactionOperations<Connection> tx;
  private final TrackingConfiguration config;

  public TrackingRecorder(
      TokenSigner signer,
      BotRules bots,
      EventIngestor ingestor,
      ConsentLedger ledger,
      TransactionOperations<Connection> tx,
      TrackingConfiguration config) {
    this.signer = signer;
    this.bots = bots;
    this.ingestor = ingestor;
    this.ledger = ledger;
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
    return verify(signed, Purpose.OPEN)
        .map(t -> record(t, client, true, null))
        .orElse(Outcome.REJECTED);
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
    record(token.get(), client, true, null);
    return token.get().itemId() == null ? config.getShopUrl() : productUrl(token.get().itemId());
  }

  /**
   * RFC 8058 one-click (a mail provider's POST): withdraws all e-mail with source {@code one-click}
   * and records the unsubscribe.
   */
  public Outcome unsubscribe(String signed, Client client) {
    return unsubscribe(signed, client, ConsentSource.ONE_CLICK);
  }

  /**
   * Withdraws all e-mail with {@code source} (one-click, or the unsubscribe page) and records the
   * unsubscribe.
   */
  private Outcome unsubscribe(String signed, Client client, ConsentSource source) {
    return verify(signed, Purpose.UNSUBSCRIBE)
        .map(t -> record(t, client, false, source))
        .orElse(Outcome.REJECTED);
  }

  /** A recipient row as tracking needs it. */
  record Recipient(long campaignId, long customerId, Long sentAt, String externalId) {}

  /**
   * Records the hit of {@code token}; {@code withdrawal} is the source an unsubscribe withdraws all
   * e-mail with, null for opens and clicks.
   */
  private Outcome record(
      TrackingToken token, Client client, boolean botCheck, @Nullable ConsentSource withdrawal) {
    if (token.isPreview()) {
      return Outcome.PREVIEW;
    }
    long now = System.currentTimeMillis();
    return tx.executeWrite(
        status -> {
          Connection c = status.getConnection();
          Optional<Recipient> found = recipient(c, token);
          if (found.isEmpty()) {
            return Outcome.REJECTED;
          }
          Recipient r = found.get();
          boolean bot = botCheck && bots.probableBot(client.userAgent(), r.sentAt(), now);
          long rowId = insert(c, token, r, client, bot, now);
          if (bot) {
            return Outcome.FLAGGED;
          }
          if (withdrawal != null) {
            // The ledger first: it decides, and the unsubscribe event below then finds the
            // consent already withdrawn.
            withdrawAll(c, token, r, client, withdrawal, now);
          }
          ingest(token, r, rowId, now);
          return Outcome.RECORDED;
        });
  }

  /**
   * Records an unsubscribe through the page (after its withdrawal was recorded) in the caller's
   * transaction: the tracking row and the unsubscribe event.
   */
  void unsubscribe(Connection c, TrackingToken token, Recipient r, Client client, long now) {
    ingest(token, r, insert(c, token, r, client, false, now), now);
  }

  /** Ingests the event of a hit recorded as row {@code rowId}. */
  private void ingest(TrackingToken token, Recipient r, long rowId, long now) {
    EventType type =
        switch (token.purpose()) {
          case OPEN -> EventType.OPEN;
          case CLICK -> EventType.CLICK;
          case UNSUBSCRIBE -> EventType.UNSUBSCRIBE;
          // a link of another purpose is no tracking link and makes no event
          default -> throw new IllegalStateException("Not a tracking token: " + token.purpose());
        };
    // One unsubscribe event per recipient however often the link is used; every open and click
    // is its own event.
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
  }

  /**
   * Withdraws all e-mail for the recipient's customer, in the caller's transaction, with the
   * person's address and browser and the link as evidence.
   */
  ConsentDecision withdrawAll(
      Connection c,
      TrackingToken token,
      Recipient r,
      Client client,
      ConsentSource source,
      long now) {
    ConsentStatement statement =
        ConsentStatement.email(r.customerId(), false, now, source, evidence(token))
            .byPerson(client.ip(), client.userAgent());
    try {
      return ledger.record(c, List.of(statement)).get(0);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not record the withdrawal", e);
    }
  }

  /** What the ledger keeps as evidence of a statement made through {@code token}'s link. */
  static String evidence(TrackingToken token) {
    return "campaign " + token.campaignId() + " recipient " + token.recipientId();
  }

  /** The recipient {@code token} names, if it exists and belongs to the token's campaign. */
  static Optional<Recipient> recipient(Connection c, TrackingToken token) {
    return recipient(c, token.recipientId()).filter(r -> r.campaignId() == token.campaignId());
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

  /** Inserts the {@code tracking_events} row of a hit; its id. */
  long insert(
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
