package io.affinity.campaigns.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.delivery.GreenMailTestBase;
import io.affinity.core.event.EventIngestor;
import io.affinity.core.event.EventInput;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.recommender.model.ModelTrainer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sensitive categories and the shipped household template, through the real delivery path
 * (GreenMail): a purchase in a sensitive category fires nothing and mails nobody, while a purchase
 * in the same trigger's other category mails the other member a message that names neither the
 * buyer nor what they bought.
 */
@MicronautTest(transactional = false)
class SensitiveTriggerTest extends GreenMailTestBase {
  @Inject Triggers triggers;
  @Inject TriggerEvaluator evaluator;
  @Inject EventIngestor events;
  @Inject SyntheticShopLoader shops;
  @Inject ModelTrainer trainer;

  /** The shipped template renders offers and recommendations: a model must be served. */
  @BeforeAll
  void loadShopAndTrain() {
    shops.load(
        ShopSpec.of(200, 60, 6_000, 11)
            .withIdPrefix("st" + UUID.randomUUID().toString().substring(0, 6) + "-"),
        ProgressListener.NONE);
    trainer.train(ProgressListener.NONE);
  }

  @Test
  void aSensitivePurchaseMailsNobodyAndAnOrdinaryOneDoesNotSayWhoBoughtWhat() throws Exception {
    TriggerFixture f = new TriggerFixture(run, tx, events);
    String nappies = run + "-nappies";
    f.sql(
        "INSERT INTO products (external_id, name, category_path, price, in_stock, created_at,"
            + " updated_at) VALUES (?, ?, ?, 7.25, TRUE, 1, 1)",
        nappies,
        "Thrifton Nappies " + run,
        f.category + "/Baby/Nappies");
    evaluator.evaluateNow();
    long template = templates.idOfKey("household-picks").orElseThrow();
    Trigger t = triggers.create(f.trigger("home", false, 0, 0, template));
    List<List<Long>> h = f.households(2, 2);
    long privateBuyer = h.get(0).get(0);
    long buyer = h.get(1).get(0);
    Instant now = Instant.now().minusSeconds(5);
    events.ingest(
        List.of(
            new EventInput(
                run + "-baby",
                "purchase",
                f.externalId(privateBuyer),
                nappies,
                "o-" + run + "-baby",
                1,
                new BigDecimal("7.25"),
                now,
                null,
                "web")));
    f.buy(List.of(buyer), now);

    evaluator.evaluateNow();
    assertThat(f.firings(t.id()))
        .extracting(r -> r.get("outcome"))
        .containsExactlyInAnyOrder("sensitive", "fired");

    String other = email(f, h.get(1).get(1));
    long until = System.currentTimeMillis() + 30_000;
    while (received(other).isEmpty() && System.currentTimeMillis() < until) {
      Thread.sleep(100);
    }
    Thread.sleep(1_000); // anything else would have arrived by now
    List<String> household = new ArrayList<>();
    for (List<Long> members : h) {
      for (long m : members) {
        household.add(email(f, m));
      }
    }
    assertThat(smtp.countsByRecipient())
        .as("only the ordinary purchase's other member is mailed")
        .containsEntry(other, 1)
        .doesNotContainKeys(
            household.stream().filter(a -> !a.equals(other)).toArray(String[]::new));

    Message message = received(other).get(0);
    String html = html(message);
    assertThat(message.getSubject()).startsWith("Picked for your home");
    assertThat(html)
        .contains("picked for your home")
        .doesNotContain(f.productName())
        .doesNotContain(f.product)
        .doesNotContain(f.externalId(buyer))
        .doesNotContain(email(f, buyer))
        .doesNotContain("Nappies");
    triggers.pause(t.id());
  }

  private List<Message> received(String address) throws Exception {
    List<Message> out = new ArrayList<>();
    for (Message m : smtp.mail().getReceivedMessages()) {
      if (((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0])
          .getAddress()
          .equalsIgnoreCase(address)) {
        out.add(m);
      }
    }
    return out;
  }

  /** The decoded HTML part of {@code m}. */
  private static String html(Part m) throws Exception {
    if (m.isMimeType("text/html")) {
      return m.getContent().toString();
    }
    if (m.getContent() instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        String found = html(mp.getBodyPart(i));
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static String email(TriggerFixture f, long customer) {
    return f.rows("SELECT email FROM customers WHERE id = ?", customer)
        .get(0)
        .get("email")
        .toString()
        .toLowerCase();
  }
}
