package io.affinity.service.api.campaigns;

import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.compose.ComposedMessage;
import io.affinity.campaigns.compose.MessageComposer;
import io.affinity.campaigns.compose.RecipientContext;
import io.affinity.core.error.NotFoundException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * A stand-in for the template composer until the real one is merged: renders the customer's name
 * and id. Template 404 does not exist; every other is at version 1.
 */
@Singleton
@Requires(property = "affinity.test.stand-in-composer", value = "true")
public class StandInComposer implements MessageComposer {
  private final Transactions tx;

  public StandInComposer(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public int currentVersion(long templateId) {
    if (templateId == 404) {
      throw new NotFoundException("template", "404");
    }
    return 1;
  }

  @Override
  public ComposedMessage compose(RecipientContext r) {
    return tx.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT email, name, external_id FROM customers WHERE id = ?")) {
            ps.setLong(1, r.customerId());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new NotFoundException("customer", String.valueOf(r.customerId()));
              }
              return new ComposedMessage(
                  rs.getString(1),
                  rs.getString(2),
                  "Hello " + rs.getString(2),
                  "<p>customer " + rs.getString(3) + "</p>",
                  "customer " + rs.getString(3),
                  "https://shop.example/u/" + r.recipientId());
            }
          }
        });
  }
}
