package io.affinity.service.tracking;

/** The small HTML pages of the double opt-in link; they echo nothing from the request. */
final class ConfirmationPages {
  private ConfirmationPages() {}

  static final String ASK =
      page(
          "Confirm your subscription",
          "<p>Do you want to receive our e-mails?</p>"
              + "<form method=\"post\">"
              + "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"
              + "<button type=\"submit\">Yes, subscribe me</button></form>"
              + "<p>If you did not ask for this, close this page: nothing changes.</p>");

  static final String DONE =
      page("Subscribed", "<p>Thank you: your subscription is confirmed.</p>");

  static final String ALREADY =
      page("Already confirmed", "<p>This link was used before. Nothing was changed.</p>");

  static final String NOT_APPLIED =
      page(
          "Not confirmed",
          "<p>Your confirmation was recorded but could not be applied. Nothing was changed.</p>");

  static final String INVALID =
      page("Link not valid", "<p>This link is not valid. Nothing was changed.</p>");

  static final String EXPIRED =
      page(
          "Link expired",
          "<p>This confirmation link has expired. Nothing was changed; please ask for a new"
              + " one.</p>");

  static final String ADDRESS_CHANGED =
      page(
          "Link no longer valid",
          "<p>This link was sent to an address that is no longer on record. Nothing was"
              + " changed.</p>");

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
