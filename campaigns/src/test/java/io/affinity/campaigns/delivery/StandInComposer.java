package io.affinity.campaigns.delivery;

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
 * and id, so tests can tell each recipient's message apart. Template {@value #MISSING_TEMPLATE}
 * does not exist; every other template is at version {@code templateId % 7 + 1}.
 */
@Singleton
@Requires(property = "affinity.test.stand-in-composer", value = "true")
public class StandInComposer implements MessageComposer {
  public static final long MISSING_TEMPLATE = 404;

  private final Transactions tx;

  public StandInComposer(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public int currentVersion(long templateId) {
    if (templateId == MISSING_TEMPLATE) {
      throw new NotFoundException("template", String.valueOf(templateId));
    }
    return (int) (templateId % 7 + 1);
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
              String name = rs.getString(2);
              String id = rs.getString(3);
              return new ComposedMessage(
                  rs.getString(1),
                  name,
                  "Hello " + name,
                  "<p>Hi " + name + ", customer " + id + ", arm " + r.arm() + "</p>",
                  "Hi " + name + ", customer " + id + ", arm " + r.arm(),
                  "https://shop.example/u/" + r.campaignId() + "/" + r.recipientId());
            }
          }
        });
  }
}
