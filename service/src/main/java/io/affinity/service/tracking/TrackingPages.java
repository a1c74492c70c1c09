package io.affinity.service.tracking;

/** The small HTML pages of the unsubscribe link; they echo nothing from the request. */
final class TrackingPages {
  private TrackingPages() {}

  static final String CONFIRM =
      page(
          "Unsubscribe",
          "<p>Do you want to stop receiving these e-mails?</p>"
              + "<form method=\"post\">"
              + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
              + "<button type=\"submit\">Unsubscribe</button></form>");

  static final String DONE =
      page("Unsubscribed", "<p>You are unsubscribed and will not receive these e-mails again.</p>");

  static final String PREVIEW =
      page("Preview", "<p>This is a preview link: nothing was changed.</p>");

  static final String INVALID =
      page("Link not valid", "<p>This link is not valid. Nothing was changed.</p>");

  static final String BAD_REQUEST =
      page(
          "One-click unsubscribe",
          "<p>A one-click unsubscribe must send <code>List-Unsubscribe=One-Click</code>.</p>");

  private static String page(String title, String body) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"robots\" content=\"noindex\"><title>"
        + title
        + "</title></head><body style=\"font-family: Arial, sans-serif\"><h1>"
        + title
        + "</h1>"
        + body
        + "</body></html>";
  }
}
