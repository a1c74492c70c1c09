package io.affinity.bench.campaign;

import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.compose.ComposedMessage;
import io.affinity.campaigns.compose.MessageComposer;
import io.affinity.campaigns.compose.RecipientContext;
import io.affinity.core.error.NotFoundException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's composer until the template feature's is merged: for each recipient it reads the
 * customer from the database and renders an auto-escaping Freemarker HTML template with their name
 * and six products of their own (chosen by a hash of the customer id from the catalogue the
 * benchmark wrote), plus a text part. It does the same kind of work per message as the real
 * composer (a database read, a Freemarker render) but asks no recommender.
 */
@Singleton
@Requires(property = "affinity.bench.composer", value = "true")
public class BenchComposer implements MessageComposer {
  static final int ITEMS = 6;
  private static final String HTML =
      "<html><body><h1>Hello ${name}</h1><p>Picked for you, customer ${id}:</p><ul>"
          + "<#list items as item><li><a href=\"https://shop.example/p/${item.id}?c=${campaign}"
          + "&amp;r=${recipient}&amp;s=${item?index}\">${item.name}</a> ${item.price}</li>"
          + "</#list></ul><p><a href=\"${unsubscribe}\">Unsubscribe</a></p></body></html>";

  private final Transactions tx;
  private final Template html;
  private final List<Map<String, Object>> catalogue = new ArrayList<>();

  public BenchComposer(Transactions tx) {
    this.tx = tx;
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_32);
    cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
    cfg.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
    try {
      this.html = new Template("bench.ftlh", HTML, cfg);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < 1000; i++) {
      Map<String, Object> item = new HashMap<>();
      item.put("id", "P" + i);
      item.put("name", "Product <" + i + "> & more");
      item.put("price", String.format("%.2f EUR", 5 + (i * 37 % 200) / 2.0));
      catalogue.add(item);
    }
  }

  @Override
  public int currentVersion(long templateId) {
    return 1;
  }

  @Override
  public ComposedMessage compose(RecipientContext r) {
    String[] customer =
        tx.read(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT email, name, external_id FROM customers WHERE id = ?")) {
                ps.setLong(1, r.customerId());
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    throw new NotFoundException("customer", String.valueOf(r.customerId()));
                  }
                  return new String[] {rs.getString(1), rs.getString(2), rs.getString(3)};
                }
              }
            });
    List<Map<String, Object>> items = new ArrayList<>(ITEMS);
    long h = r.customerId() * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < ITEMS; i++) {
      h ^= h >>> 29;
      h *= 0xBF58476D1CE4E5B9L;
      items.add(catalogue.get((int) Math.floorMod(h, (long) catalogue.size())));
    }
    String unsubscribe = "https://shop.example/u/" + r.campaignId() + "/" + r.recipientId();
    Map<String, Object> model = new HashMap<>();
    model.put("name", customer[1]);
    model.put("id", customer[2]);
    model.put("items", items);
    model.put("campaign", r.campaignId());
    model.put("recipient", r.recipientId());
    model.put("unsubscribe", unsubscribe);
    StringWriter out = new StringWriter(2048);
    try {
      html.process(model, out);
    } catch (TemplateException | IOException e) {
      throw new IllegalStateException("bench template failed", e);
    }
    StringBuilder text = new StringBuilder("Hello ").append(customer[1]).append("\n\n");
    for (Map<String, Object> item : items) {
      text.append("- ").append(item.get("name")).append(' ').append(item.get("price")).append('\n');
    }
    text.append("\nUnsubscribe: ").append(unsubscribe).append('\n');
    return new ComposedMessage(
        customer[0],
        customer[1],
        "Picked for you, " + customer[1],
        out.toString(),
        text.toString(),
        unsubscribe);
  }
}
