package io.affinity.campaigns.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A render failure names the part that failed and says what went wrong without the template's id:
 * what the console's editor needs to put the message beside the right field, at its line.
 */
class TemplateRenderExceptionTest {
  private static TemplateRenderException failure(String subject, String html, String text) {
    CompiledTemplate t =
        CompiledTemplate.of(new TemplateVersion(7, 3, subject, html, text, Instant.now()));
    return catchThrowableOfType(
        () -> t.render(Map.of("customer", Map.of("id", "c1"))), TemplateRenderException.class);
  }

  @Test
  void aValueMissingFromTheHtmlNamesTheHtmlItsLineAndTheExpression() {
    TemplateRenderException e = failure("Hi", "<p>one</p>\n<p>${customer.nickname}</p>", null);

    assertThat(e.part()).isEqualTo("html");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(6);
    assertThat(e.reason()).contains("null or missing").contains("customer.nickname");
    assertThat(e.reason()).doesNotContain("Template 7").doesNotContain("[in template");
    assertThat(e.getMessage()).startsWith("Template 7 v3 failed at line 2, column 6: ");
  }

  @Test
  void theSubjectAndTheTextPartAreNamedToo() {
    assertThat(failure("Hi ${customer.name}", "<p>x</p>", null).part()).isEqualTo("subject");
    assertThat(failure("Hi", "<p>x</p>", "one\ntwo ${customer.name}").part()).isEqualTo("text");
  }
}
