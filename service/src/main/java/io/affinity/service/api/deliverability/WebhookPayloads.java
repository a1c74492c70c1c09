package io.affinity.service.api.deliverability;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.affinity.core.error.InvalidInputException;
import io.affinity.service.api.UnpairedSurrogates;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Reads a webhook body, telling the format from its content: an SNS envelope ({@code Type}), a bare
 * SES notification ({@code notificationType}), a Postmark record ({@code RecordType}), a Mailgun
 * event ({@code event-data}) or the generic format ({@code type}); an array holds several. Anything
 * else, or any error in any item, is a 422 naming what is wrong, and nothing is recorded.
 */
@Singleton
class WebhookPayloads {
  static final int MAX_ITEMS = 10_000;

  private final ObjectMapper mapper =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  Payload read(@Nullable byte[] body) {
    if (body == null || body.length == 0) {
      throw new InvalidInputException("body", "is empty; send a delivery event as JSON");
    }
    UnpairedSurrogates.check(body);
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (StreamReadException e) {
      String m = e.getOriginalMessage();
      int cut = m.indexOf('\n');
      throw new InvalidInputException(
          "body", "not valid JSON: " + (cut > 0 ? m.substring(0, cut) : m));
    } catch (JacksonException e) {
      // Past the parser only FAIL_ON_TRAILING_TOKENS objects, in words that name Jackson's types.
      throw new InvalidInputException("body", "not valid JSON: content after the end of the value");
    } catch (IOException e) {
      throw new InvalidInputException("body", "could not be read");
    }
    Payload out = new Payload();
    if (root == null || root.isMissingNode()) {
      out.error("", "is empty; send a delivery event as JSON");
    } else if (root.isArray()) {
      if (root.isEmpty()) {
        out.error("", "is an empty array");
      } else if (root.size() > MAX_ITEMS) {
        out.error("", "holds " + root.size() + " events; at most " + MAX_ITEMS + " at once");
      } else {
        for (int i = 0; i < root.size(); i++) {
          item(root.get(i), "[" + i + "]", out);
        }
      }
    } else {
      item(root, "", out);
    }
    if (!out.errors.isEmpty()) {
      throw new InvalidInputException(
          "The delivery events could not be read; nothing was recorded", out.errors);
    }
    return out;
  }

  private void item(JsonNode n, String path, Payload out) {
    if (!n.isObject()) {
      out.error(path, "must be a JSON object");
    } else if (SesNotifications.isSnsEnvelope(n)) {
      SesNotifications.readEnvelope(n, path, mapper, out);
    } else if (SesNotifications.isNotification(n)) {
      SesNotifications.read(n, path, out);
    } else if (PostmarkRecords.isRecord(n)) {
      PostmarkRecords.read(n, path, out);
    } else if (MailgunEvents.isEvent(n)) {
      MailgunEvents.read(n, path, out);
    } else if (n.has("type")) {
      GenericEvents.read(n, path, out);
    } else {
      out.error(
          path,
          "no known format: send the generic format ({\"type\": \"bounce\", \"bounceType\":"
              + " \"hard\", \"email\": ...}), an Amazon SNS message (Type, Message), a Postmark"
              + " record (RecordType) or a Mailgun event (event-data)");
    }
  }
}
