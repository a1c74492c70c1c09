package io.affinity.campaigns.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The generated plain-text part. */
class HtmlToTextTest {
  @Test
  void linksKeepTheirUrlAndBlocksBecomeLines() {
    String html =
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
            + "<h1>Hello Ann &amp; Bob</h1><p>Picked for you:</p>"
            + "<ul><li><a href=\"https://x.test/t/c/abc.def\">Blue &lt;mug&gt;</a></li>"
            + "<li>Teapot</li></ul><img src=\"https://x.test/t/o/p\" alt=\"\"></body></html>";
    String text = HtmlToText.convert(html);
    assertThat(text)
        .contains("Hello Ann & Bob")
        .contains("- Blue <mug> (https://x.test/t/c/abc.def)")
        .contains("- Teapot")
        .doesNotContain("color:red")
        .doesNotContain("<li")
        .doesNotContain("<a ")
        .doesNotContain("/t/o/p");
    assertThat(text.indexOf("Hello")).isLessThan(text.indexOf("Picked"));
  }
}
