package io.affinity.service.tracking;

import static io.affinity.service.tracking.TrackingPages.escape;

import io.affinity.campaigns.tracking.PreferenceCentre.Outcome;
import io.affinity.campaigns.tracking.PreferenceChoice;
import io.affinity.campaigns.tracking.Preferences;
import io.micronaut.core.annotation.Nullable;

/**
 * The preference centre page: the person's current choices and one small form per thing they can do
 * (leave the campaign's topic, receive less often, rejoin a topic left, unsubscribe from
 * everything). Every form posts to the page's own URL, whose signed token is the only authority; a
 * GET never changes anything.
 */
final class PreferencePage {
  static final String TITLE = "Your e-mail preferences";

  private PreferencePage() {}

  /** The page for {@code p}, with {@code message} (plain text) saying what just happened. */
  static String render(Preferences p, @Nullable String message) {
    StringBuilder b = new StringBuilder();
    if (p.preview()) {
      b.append(
          "<p class=\"note\" role=\"note\">This is a preview link: nothing you choose here is"
              + " recorded.</p>");
    }
    if (message != null) {
      b.append("<p class=\"done\" role=\"status\">").append(escape(message)).append("</p>");
    }
    current(b, p);
    if (p.withdrawn()) {
      b.append(
          "<p>To receive our e-mails again, sign up again at the shop; we will ask you to confirm"
              + " by e-mail.</p>");
      return TrackingPages.page(TITLE, b.toString());
    }
    if (p.subscribed()) {
      if (p.topic() != null && !p.leftTopic()) {
        String t = escape(p.topic());
        b.append("<section><h2>Stop e-mails about ")
            .append(t)
            .append("</h2><p>You will still receive our other e-mails.</p>")
            .append(form("topic"))
            .append("<input type=\"hidden\" name=\"topic\" value=\"")
            .append(t)
            .append("\"><button type=\"submit\">Stop e-mails about ")
            .append(t)
            .append("</button></form></section>");
      }
      frequency(b, p);
      for (String left : p.topicsLeft()) {
        String t = escape(left);
        b.append("<section><h2>Receive e-mails about ")
            .append(t)
            .append(" again</h2>")
            .append(form("rejoin"))
            .append("<input type=\"hidden\" name=\"topic\" value=\"")
            .append(t)
            .append("\"><button type=\"submit\">Receive e-mails about ")
            .append(t)
            .append(" again</button></form></section>");
      }
    }
    b.append("<section><h2>Unsubscribe from everything</h2>")
        .append("<p>You will not receive any of our marketing e-mails.</p>")
        .append(form("all"))
        .append("<button type=\"submit\">Unsubscribe from all e-mails</button></form></section>");
    return TrackingPages.page(TITLE, b.toString());
  }

  private static void current(StringBuilder b, Preferences p) {
    b.append("<section><h2>Your choices now</h2><ul>");
    if (p.topic() != null) {
      b.append("<li>This e-mail was about: ").append(escape(p.topic())).append(".</li>");
    }
    if (p.withdrawn()) {
      b.append("<li>You are unsubscribed from all our e-mails.</li>");
    } else if (!p.subscribed()) {
      b.append("<li>You do not receive our marketing e-mails.</li>");
    } else {
      b.append("<li>You receive our e-mails ")
          .append(escape(frequencyText(p.frequency())))
          .append(".</li>");
    }
    if (!p.topicsLeft().isEmpty()) {
      b.append("<li>Topics you left: ")
          .append(escape(String.join(", ", p.topicsLeft())))
          .append(".</li>");
    }
    b.append("</ul></section>");
  }

  private static void frequency(StringBuilder b, Preferences p) {
    b.append("<section>")
        .append(form("frequency"))
        .append("<fieldset><legend>Receive e-mails less often</legend>");
    radio(b, PreferenceChoice.ANY, "As often as we write", p.frequency() == null);
    radio(b, "weekly", "At most one a week", "weekly".equals(p.frequency()));
    radio(b, "monthly", "At most one a month", "monthly".equals(p.frequency()));
    b.append("</fieldset><button type=\"submit\">Save how often</button></form></section>");
  }

  private static void radio(StringBuilder b, String value, String label, boolean checked) {
    b.append("<label for=\"frequency-")
        .append(value)
        .append("\"><input type=\"radio\" name=\"frequency\" id=\"frequency-")
        .append(value)
        .append("\" value=\"")
        .append(value)
        .append('"')
        .append(checked ? " checked" : "")
        .append('>')
        .append(label)
        .append("</label>");
  }

  /** The opening of a form for {@code action}, posting to this page's own URL. */
  private static String form(String action) {
    return "<form method=\"post\"><input type=\"hidden\" name=\"action\" value=\"" + action + "\">";
  }

  private static String frequencyText(@Nullable String frequency) {
    if (frequency == null) {
      return "as often as we write";
    }
    return "weekly".equals(frequency) ? "at most once a week" : "at most once a month";
  }

  /** What the page says after {@code choice} had {@code outcome}. */
  static String message(PreferenceChoice choice, Outcome outcome, Preferences p) {
    if (outcome == Outcome.REFUSED) {
      return p.withdrawn()
          ? "You are unsubscribed from all our e-mails, so there was nothing to change."
          : "You do not receive our marketing e-mails, so there was nothing to change.";
    }
    if (outcome == Outcome.UNCHANGED) {
      return choice.action() == PreferenceChoice.Action.ALL
          ? "You were already unsubscribed from all our e-mails."
          : "That was already your choice: nothing needed to change.";
    }
    return switch (choice.action()) {
      case ALL -> "Done: you are unsubscribed from all our e-mails.";
      case TOPIC -> "Done: you will no longer receive e-mails about " + p.topic() + ".";
      case REJOIN -> "Done: you will receive e-mails about " + choice.topic() + " again.";
      case FREQUENCY -> "Done: you will receive our e-mails " + frequencyText(p.frequency()) + ".";
    };
  }
}
