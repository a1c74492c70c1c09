package io.affinity.core.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.consent.ConsentDecision.Outcome;
import org.junit.jupiter.api.Test;

class ConsentRulesTest {
  private static final long T = 1_700_000_000_000L;

  private static ConsentRules.Current channel(ConsentState state, Long at, String suppression) {
    return new ConsentRules.Current(state, at, "one-click", null, null, null, suppression);
  }

  private static ConsentRules.Current topic(Boolean granted, Long at) {
    return new ConsentRules.Current(
        ConsentState.GRANTED, T, "api", granted, at, "preference-centre", null);
  }

  private static ConsentStatement say(boolean granted, long at, ConsentSource source) {
    return ConsentStatement.email(1L, granted, at, source, null);
  }

  @Test
  void aSyncGrantNeverUndoesAWithdrawalWhateverItsDate() {
    for (ConsentSource sync : new ConsentSource[] {ConsentSource.API, ConsentSource.IMPORT}) {
      ConsentDecision d =
          ConsentRules.decide(
              channel(ConsentState.WITHDRAWN, T, null), say(true, T + 1_000_000, sync));
      assertThat(d.outcome()).isEqualTo(Outcome.REFUSED);
      assertThat(d.reason()).contains("withdrew consent").contains("double opt-in");
    }
  }

  @Test
  void onlyADoubleOptInOrAnAdminReSubscribes() {
    for (ConsentSource s : ConsentSource.values()) {
      ConsentDecision d =
          ConsentRules.decide(channel(ConsentState.WITHDRAWN, T, null), say(true, T + 1, s));
      assertThat(d.outcome())
          .as("%s", s)
          .isEqualTo(s.mayResubscribe() ? Outcome.APPLIED : Outcome.REFUSED);
    }
  }

  @Test
  void aSuppressedAddressIsNotReSubscribedByASyncEvenIfConsentWasNeverWithdrawn() {
    ConsentDecision d =
        ConsentRules.decide(
            channel(ConsentState.GRANTED, T, "bounced"), say(true, T + 1, ConsentSource.API));
    assertThat(d.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(d.reason()).contains("suppressed (bounced)");
    assertThat(
            ConsentRules.decide(
                    channel(ConsentState.GRANTED, T, "bounced"),
                    say(true, T + 1, ConsentSource.DOUBLE_OPT_IN))
                .outcome())
        .isEqualTo(Outcome.APPLIED);
  }

  @Test
  void aSyncStatementOlderThanTheOneOnRecordIsRefused() {
    ConsentDecision d =
        ConsentRules.decide(
            channel(ConsentState.GRANTED, T, null), say(false, T - 1, ConsentSource.API));
    assertThat(d.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(d.reason()).contains("older than the one on record");
    assertThat(
            ConsentRules.decide(
                    channel(ConsentState.NONE, T, null), say(true, T - 1, ConsentSource.IMPORT))
                .outcome())
        .isEqualTo(Outcome.REFUSED);
  }

  @Test
  void aPersonsOrTheMailSystemsNoWinsEvenWhenItArrivesLate() {
    for (ConsentSource s :
        new ConsentSource[] {
          ConsentSource.ONE_CLICK,
          ConsentSource.COMPLAINT,
          ConsentSource.BOUNCE,
          ConsentSource.UNSUBSCRIBE_LINK
        }) {
      assertThat(
              ConsentRules.decide(channel(ConsentState.GRANTED, T, null), say(false, T - 60_000, s))
                  .outcome())
          .as("%s", s)
          .isEqualTo(Outcome.APPLIED);
    }
  }

  @Test
  void statementsThatChangeNothingAreNotRecorded() {
    assertThat(
            ConsentRules.decide(
                    channel(ConsentState.GRANTED, T, null), say(true, T - 5, ConsentSource.API))
                .outcome())
        .isEqualTo(Outcome.UNCHANGED);
    assertThat(
            ConsentRules.decide(
                    channel(ConsentState.WITHDRAWN, T, null), say(false, T + 5, ConsentSource.API))
                .outcome())
        .isEqualTo(Outcome.UNCHANGED);
    // A first "no" from a sync is the state none already: no withdrawal to record.
    assertThat(
            ConsentRules.decide(
                    channel(ConsentState.NONE, null, null), say(false, T, ConsentSource.IMPORT))
                .outcome())
        .isEqualTo(Outcome.UNCHANGED);
    assertThat(
            ConsentRules.decide(
                    channel(ConsentState.NONE, null, null), say(true, T, ConsentSource.IMPORT))
                .outcome())
        .isEqualTo(Outcome.APPLIED);
  }

  @Test
  void aTopicLeftIsRejoinedOnlyByThePersonADoubleOptInOrAnAdmin() {
    ConsentStatement rejoinBySync = say(true, T + 10, ConsentSource.API).forTopic("offers");
    assertThat(ConsentRules.decide(topic(false, T), rejoinBySync).outcome())
        .isEqualTo(Outcome.REFUSED);
    ConsentStatement rejoinByPerson =
        say(true, T + 10, ConsentSource.PREFERENCE_CENTRE).forTopic("offers");
    assertThat(ConsentRules.decide(topic(false, T), rejoinByPerson).outcome())
        .isEqualTo(Outcome.APPLIED);
    ConsentStatement leave = say(false, T + 10, ConsentSource.PREFERENCE_CENTRE).forTopic("offers");
    assertThat(ConsentRules.decide(topic(null, null), leave).outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(ConsentRules.decide(topic(false, T), leave).outcome()).isEqualTo(Outcome.UNCHANGED);
  }
}
