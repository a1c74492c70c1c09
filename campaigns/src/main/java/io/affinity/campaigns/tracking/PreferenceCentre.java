package io.affinity.campaigns.tracking;

import io.affinity.campaigns.tracking.TrackingRecorder.Client;
import io.affinity.campaigns.tracking.TrackingRecorder.Recipient;
import io.affinity.campaigns.tracking.TrackingToken.Purpose;
import io.affinity.core.consent.ConsentDecision;
import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentState;
import io.affinity.core.consent.ConsentStatement;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The preference centre behind the unsubscribe link: what a recipient's choices are, and applying
 * one (unsubscribe from everything, leave the campaign's topic, a lower frequency, rejoin a topic
 * left before) through the {@link ConsentLedger}. The signed token decides whose preferences these
 * are; a topic is only ever the campaign's or one the person left.
 */
@Singleton
public class PreferenceCentre {
  private static final String STATE_SQL =
      "SELECT c.email_consent, c.consent_state, c.email_frequency, k.topic"
          + " FROM customers c LEFT JOIN campaigns k ON k.id = ? WHERE c.id = ?";

  private final TrackingRecorder recorder;
  private final ConsentLedger ledger;
  private final TransactionOperations<Connection> tx;

  public PreferenceCentre(
      TrackingRecorder recorder, ConsentLedger ledger, TransactionOperations<Connection> tx) {
    this.recorder = recorder;
    this.ledger = ledger;
    this.tx = tx;
  }

  /** What became of a choice. */
  public enum Outcome {
    /** Applied: the person's preferences changed. */
    CHANGED,
    /** It was already so: nothing changed. */
    UNCHANGED,
    /**
     * Not possible in the person's state (e.g. a frequency while unsubscribed): nothing changed.
     */
    REFUSED,
    /** Not a choice this page offers (another topic, a topic never left): nothing changed. */
    INVALID,
    /** A preview link: nothing changed. */
    PREVIEW,
    /** A forged or altered token, or an unknown recipient: nothing changed. */
    REJECTED
  }

  /**
   * What became of a choice and the preferences after it (null when rejected).
   *
   * @param outcome what became of it
   * @param preferences the preferences now, for the page; null when the token was rejected
   */
  public record Result(Outcome outcome, @Nullable Preferences preferences) {}

  /** The preferences of the recipient {@code signed} names, if the token is valid. */
  public Optional<Preferences> preferences(String signed) {
    Optional<TrackingToken> token = recorder.verify(signed, Purpose.UNSUBSCRIBE);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (token.get().isPreview()) {
      return Optional.of(Preferences.PREVIEW);
    }
    return tx.executeRead(
        status -> {
          Connection c = status.getConnection();
          return TrackingRecorder.recipient(c, token.get()).map(r -> read(c, r));
        });
  }

  /**
   * Applies {@code choice} for the recipient {@code signed} names, by the person at {@code client}.
   */
  public Result apply(String signed, PreferenceChoice choice, Client client) {
    Optional<TrackingToken> verified = recorder.verify(signed, Purpose.UNSUBSCRIBE);
    if (verified.isEmpty()) {
      return new Result(Outcome.REJECTED, null);
    }
    TrackingToken token = verified.get();
    if (token.isPreview()) {
      return new Result(Outcome.PREVIEW, Preferences.PREVIEW);
    }
    return tx.executeWrite(
        status -> {
          Connection c = status.getConnection();
          Optional<Recipient> found = TrackingRecorder.recipient(c, token);
          if (found.isEmpty()) {
            return new Result(Outcome.REJECTED, null);
          }
          Recipient r = found.get();
          Preferences before = read(c, r);
          Outcome outcome = apply(c, token, r, before, choice, client);
          return new Result(outcome, outcome == Outcome.CHANGED ? read(c, r) : before);
        });
  }

  private Outcome apply(
      Connection c,
      TrackingToken token,
      Recipient r,
      Preferences now,
      PreferenceChoice choice,
      Client client)
      throws SQLException {
    long at = System.currentTimeMillis();
    String evidence = TrackingRecorder.evidence(token);
    switch (choice.action()) {
      case ALL -> {
        ConsentDecision d =
            recorder.withdrawAll(c, token, r, client, ConsentSource.UNSUBSCRIBE_LINK, at);
        // the tracking row and the unsubscribe event, as for one-click
        recorder.unsubscribe(c, token, r, client, at);
        return outcome(d);
      }
      case TOPIC -> {
        if (now.topic() == null
            || (choice.topic() != null && !choice.topic().equals(now.topic()))) {
          return Outcome.INVALID;
        }
        if (!now.subscribed()) {
          return Outcome.REFUSED;
        }
        Outcome o = topic(c, r, now.topic(), false, at, evidence, client);
        if (o == Outcome.CHANGED) {
          // Leaving the campaign's topic counts as an unsubscribe from this campaign; no event,
          // since the person still receives other e-mail.
          recorder.insert(c, token, r, client, false, at);
        }
        return o;
      }
      case REJOIN -> {
        if (!now.topicsLeft().contains(choice.topic())) {
          return Outcome.INVALID;
        }
        if (!now.subscribed()) {
          return Outcome.REFUSED;
        }
        return topic(c, r, choice.topic(), true, at, evidence, client);
      }
      default -> {
        if (!now.subscribed()) {
          return Outcome.REFUSED;
        }
        if (Objects.equals(choice.frequency(), now.frequency())) {
          return Outcome.UNCHANGED;
        }
        ledger.chooseFrequency(
            c, r.customerId(), choice.frequency(), evidence, client.ip(), client.userAgent());
        return Outcome.CHANGED;
      }
    }
  }

  private Outcome topic(
      Connection c,
      Recipient r,
      String topic,
      boolean granted,
      long at,
      String evidence,
      Client client)
      throws SQLException {
    ConsentStatement s =
        ConsentStatement.email(
                r.customerId(), granted, at, ConsentSource.PREFERENCE_CENTRE, evidence)
            .forTopic(topic)
            .byPerson(client.ip(), client.userAgent());
    return outcome(ledger.record(c, List.of(s)).get(0));
  }

  private static Outcome outcome(ConsentDecision d) {
    return switch (d.outcome()) {
      case APPLIED -> Outcome.CHANGED;
      case UNCHANGED -> Outcome.UNCHANGED;
      case REFUSED -> Outcome.REFUSED;
    };
  }

  private Preferences read(Connection c, Recipient r) {
    try (PreparedStatement ps = c.prepareStatement(STATE_SQL)) {
      ps.setLong(1, r.campaignId());
      ps.setLong(2, r.customerId());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("The recipient's customer is gone");
        }
        return new Preferences(
            false,
            rs.getString(4),
            rs.getBoolean(1),
            ConsentState.of(rs.getString(2)) == ConsentState.WITHDRAWN,
            rs.getString(3),
            ledger.topicsLeft(c, r.customerId()));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the preferences", e);
    }
  }
}
