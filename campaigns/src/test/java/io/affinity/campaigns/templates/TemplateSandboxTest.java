package io.affinity.campaigns.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import freemarker.template.Template;
import io.affinity.campaigns.templates.TemplateSandbox.Part;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runtime sandbox, for a source that got past the save-time checks (built with {@code ?eval}
 * before it was rejected, or written into the database by hand): it still cannot reach Java.
 */
class TemplateSandboxTest {
  private static String render(Part part, String source, Map<String, Object> model)
      throws Exception {
    Template t = TemplateSandbox.parse("test", part, source);
    StringWriter out = new StringWriter();
    t.process(model, out);
    return out.toString();
  }

  @Test
  void newCannotInstantiateExecute() {
    assertThatThrownBy(
            () ->
                render(
                    Part.HTML,
                    "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}",
                    Map.of()))
        .hasMessageContaining("Instantiating freemarker.template.utility.Execute is not allowed");
  }

  @Test
  void newCannotInstantiateObjectConstructor() {
    assertThatThrownBy(
            () ->
                render(
                    Part.HTML,
                    "<#assign oc = \"freemarker.template.utility.ObjectConstructor\"?new()>"
                        + "${oc(\"java.io.File\", \"/\")}",
                    Map.of()))
        .hasMessageContaining("not allowed");
  }

  @Test
  void newBuiltFromStringsIsStoppedAtRuntimeToo() {
    // The save-time check cannot see "?ne" + "w"; the class resolver still refuses.
    assertThatThrownBy(
            () ->
                render(
                    Part.HTML,
                    "<#assign s = '\"freemarker.template.utility.Execute\"?ne' + 'w()'>"
                        + "${(s?eval)('id')}",
                    Map.of()))
        .hasMessageContaining("not allowed");
  }

  @Test
  void apiIsDisabled() {
    assertThatThrownBy(
            () -> render(Part.HTML, "${customer?api.size()}", Map.of("customer", Map.of("a", 1))))
        .hasMessageContaining("api_builtin_enabled");
  }

  @Test
  void aJavaObjectInTheModelIsRefusedNotExposed() {
    // Only maps, lists and scalars are wrapped: a stray Java object cannot be called into.
    assertThatThrownBy(
            () -> render(Part.HTML, "${thing.class.name}", Map.of("thing", new StringBuilder("x"))))
        .hasMessageContaining("SimpleObjectWrapper");
    assertThatThrownBy(() -> render(Part.HTML, "${when}", Map.of("when", Instant.EPOCH)))
        .isNotNull();
  }

  @Test
  void htmlIsAutoEscapedAndTextIsNot() throws Exception {
    Map<String, Object> model = Map.of("name", "<script>alert('x')</script> & Co");
    assertThat(render(Part.HTML, "<p>${name}</p>", model))
        .isEqualTo("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co</p>");
    assertThat(render(Part.TEXT, "${name}", model)).isEqualTo("<script>alert('x')</script> & Co");
  }

  @Test
  void noFileCanBeIncluded() {
    assertThatThrownBy(() -> render(Part.HTML, "<#include \"/etc/passwd\">", Map.of())).isNotNull();
  }
}
