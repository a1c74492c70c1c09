package io.affinity.campaigns.delivery;

import org.junit.jupiter.api.AfterAll;

/** A delivery test whose engine sends to a GreenMail server of its own, one per test class. */
public abstract class GreenMailTestBase extends DeliveryTestBase {
  protected final GreenMailServer smtp = new GreenMailServer();

  @Override
  protected int smtpPort() {
    return smtp.port();
  }

  @AfterAll
  protected void stopSmtp() {
    smtp.close();
  }
}
