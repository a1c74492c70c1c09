package io.affinity.campaigns.optin;

import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.singlemail.SingleMail;
import io.affinity.campaigns.tracking.TokenSigner;
import io.affinity.campaigns.tracking.TrackingConfiguration;
import io.affinity.core.consent.ConsentDecision;
import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentStatement;
import io.affinity.core.consent.SuppressionList;
import io.affinity.core.error.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Double opt-in. {@link #request} mails a customer a signed confirmation link and records who asked
 * ({@code consent_confirmations}); {@link #check} says what a link is worth without changing
 * anything (link scanners fetch every GET); {@link #confirm} records the person's grant in the
 * consent ledger, once per link, with their IP address and browser. A link is refused when forged
 * or altered, expired, or mailed to an address the customer no longer has.
 */
@Singleton
public class ConsentConfirmations {
  private static final Logger LOG = LoggerFactory.getLogger(ConsentConfirmations.class);

  private final Transactions tx;
  private final ConsentLedger ledger;
  private final SuppressionList suppressions;
  private final TokenSigner signer;
  private final TrackingConfiguration tracking;
  private final SingleMail mail;
  private final ConfirmationConfiguration config;

  public ConsentConfirmations(
      Transactions tx,
      ConsentLedger ledger,
      SuppressionList suppressions,
      TokenSigner signer,
      TrackingConfiguration tracking,
      SingleMail mail,
      ConfirmationConfiguration config) {
    this.tx = tx;
    this.ledger = ledger;
    this.suppressions = suppressions;
    this.signer = signer;
    this.tracking = tracking;
    this.mail = mail;
    this.config = config;
  }

  /** A request written, about to be mailed. */
  private record Pending(
      long id, long customerId, String email, @Nullable String name, String hash, long expires) {}

  /**
   * Mails customer {@code externalId} a confirmation link to their stored address.
   *
   * @param requestedBy the API key's name, for the audit
   * @throws NotFoundException for an unknown customer
   * @throws ConfirmationConflictException when the customer has no address
   * @throws ConfirmationTooSoonException when one was sent less than the resend interval ago
   * @throws io.affinity.campaigns.singlemail.SendingDisabledException when sending is not set up
   * @throws io.affinity.campaigns.singlemail.MailNotSentException when the server refused it
   */
  public ConfirmationSent request(String externalId, @Nullable String requestedBy) {
    mail.requireEnabled();
    SingleMail.From from = mail.configuredSender();
    long now = System.currentTimeMillis();
    Pending p = tx.write(c -> open(c, externalId, requestedBy, now));
    String link =
        tracking.getBaseUrl()
            + "/t/confirm/"
            + new ConfirmationToken(
                    p.id(),
                    p.customerId(),
                    p.expires() / 1000,
                    ConfirmationToken.addressKey(p.hash()))
                .sign(signer);
    String messageId;
    try {
      messageId =
          mail.send(
              from,
              ConfirmationEmail.of(p.email(), p.name(), config.getSubject(), link, p.expires()),
              "k" + p.id());
    } catch (RuntimeException e) {
      tx.write(c -> outcome(c, p.id(), "failed", null));
      throw e;
    }
    tx.write(c -> outcome(c, p.id(), "sent", messageId));
    LOG.info(
        "Confirmation {} mailed to customer {} at the request of key {}",
        p.id(),
        externalId,
        requestedBy);
    return new ConfirmationSent(
        externalId,
        p.id(),
        messageId,
        Instant.ofEpochMilli(now),
        Instant.ofEpochMilli(p.expires()));
  }

  /** What link {@code signed} is worth now; changes nothing. */
  public LinkVerdict check(String signed) {
    Optional<ConfirmationToken> token = ConfirmationToken.verify(signer, signed);
    if (token.isEmpty()) {
      return LinkVerdict.INVALID;
    }
    long now = System.currentTimeMillis();
    return tx.read(c -> judge(c, token.get(), now, false));
  }

  /**
   * Records the grant that link {@code signed} stands for, made now by the person at {@code ip}
   * with {@code userAgent}; a link already used, expired or no longer matching changes nothing.
   */
  public LinkVerdict confirm(String signed, @Nullable String ip, @Nullable String userAgent) {
    Optional<ConfirmationToken> parsed = ConfirmationToken.verify(signer, signed);
    if (parsed.isEmpty()) {
      return LinkVerdict.INVALID;
    }
    ConfirmationToken token = parsed.get();
    long now = System.currentTimeMillis();
    return tx.write(
        c -> {
          LinkVerdict verdict = judge(c, token, now, true);
          if (verdict != LinkVerdict.VALID) {
            return verdict;
          }
          ConsentStatement grant =
              ConsentStatement.email(
                      token.customerId(),
                      true,
                      now,
                      ConsentSource.DOUBLE_OPT_IN,
                      "confirmation " + token.confirmationId())
                  .byPerson(ip, userAgent);
          ConsentDecision decision = ledger.record(c, List.of(grant)).get(0);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE consent_confirmations SET confirmed_at = ? WHERE id = ?")) {
            ps.setLong(1, now);
            ps.setLong(2, token.confirmationId());
            ps.executeUpdate();
          }
          return decision.refused() ? LinkVerdict.NOT_APPLIED : LinkVerdict.CONFIRMED;
        });
  }

  /** The verdict on a token with a good signature, reading (and locking, if asked) its request. */
  private LinkVerdict judge(Connection c, ConfirmationToken token, long now, boolean lock)
      throws SQLException {
    if (token.expired(now)) {
      return LinkVerdict.EXPIRED;
    }
    String sql =
        "SELECT k.customer_id, k.address_hash, k.confirmed_at, c.email FROM consent_confirmations k"
            + " JOIN customers c ON c.id = k.customer_id WHERE k.id = ?"
            + (lock ? " FOR UPDATE" : "");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, token.confirmationId());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()
            || rs.getLong(1) != token.customerId()
            || !rs.getString(2).startsWith(token.addressKey())) {
          return LinkVerdict.INVALID;
        }
        rs.getLong(3);
        if (!rs.wasNull()) {
          return LinkVerdict.ALREADY_CONFIRMED;
        }
        String email = rs.getString(4);
        if (email == null
            || email.isBlank()
            || !MessageDigest.isEqual(
                bytes(ConfirmationToken.addressKey(suppressions.hash(email))),
                bytes(token.addressKey()))) {
          return LinkVerdict.ADDRESS_CHANGED;
        }
        return LinkVerdict.VALID;
      }
    }
  }

  /** Locks the customer, checks the resend interval and writes the request. */
  private Pending open(Connection c, String externalId, @Nullable String requestedBy, long now)
      throws SQLException {
    long customerId;
    String email;
    String name;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, email, name FROM customers WHERE external_id = ? FOR UPDATE")) {
      ps.setString(1, externalId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("customer", externalId);
        }
        customerId = rs.getLong(1);
        email = rs.getString(2);
        name = rs.getString(3);
      }
    }
    if (email == null || email.isBlank()) {
      throw new ConfirmationConflictException(
          "Customer '" + externalId + "' has no e-mail address to send a confirmation to");
    }
    long interval = config.getResendInterval().toMillis();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT MAX(requested_at) FROM consent_confirmations WHERE customer_id = ? AND"
                + " requested_at > ? AND outcome <> 'failed'")) {
      ps.setLong(1, customerId);
      ps.setLong(2, now - interval);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          long last = rs.getLong(1);
          if (!rs.wasNull()) {
            long wait = Math.max(1, (last + interval - now + 999) / 1000);
            throw new ConfirmationTooSoonException(
                "A confirmation was sent to customer '"
                    + externalId
                    + "' less than "
                    + config.getResendInterval().toMinutes()
                    + " minute(s) ago; try again in "
                    + wait
                    + " s",
                wait);
          }
        }
      }
    }
    String hash = suppressions.hash(email);
    long expires = now + config.getExpiry().toMillis();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO consent_confirmations (customer_id, address_hash, requested_at,"
                + " requested_by, expires_at, outcome) VALUES (?, ?, ?, ?, ?, 'sending')",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, customerId);
      ps.setString(2, hash);
      ps.setLong(3, now);
      if (requestedBy == null) {
        ps.setNull(4, Types.VARCHAR);
      } else {
        ps.setString(4, requestedBy.length() > 100 ? requestedBy.substring(0, 100) : requestedBy);
      }
      ps.setLong(5, expires);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return new Pending(keys.getLong(1), customerId, email.strip(), name, hash, expires);
      }
    }
  }

  private static Void outcome(Connection c, long id, String outcome, @Nullable String messageId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE consent_confirmations SET outcome = ?, message_id = ? WHERE id = ?")) {
      ps.setString(1, outcome);
      if (messageId == null) {
        ps.setNull(2, Types.VARCHAR);
      } else {
        ps.setString(2, messageId);
      }
      ps.setLong(3, id);
      ps.executeUpdate();
    }
    return null;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
