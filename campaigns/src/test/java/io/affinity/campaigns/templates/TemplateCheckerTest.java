package io.affinity.campaigns.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.campaigns.templates.TemplateSandbox.Part;
import io.affinity.core.error.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Save-time rejection of templates that reach for Java, each error naming its line and column. */
class TemplateCheckerTest {
  private static final String OK_LINE = "<p>Hello ${customer.firstName!\"there\"}</p>\n";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "?new | <#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")} | ?new",
        "?new with spaces | <#assign x = \"java.lang.Object\" ? new()> | ?new",
        "?api | ${customer?api.getClass()} | ?api",
        "?has_api | <#if customer?has_api>yes</#if> | ?api",
        "Execute by name | ${\"freemarker.template.utility.Execute\"} | freemarker.template.utility",
        "ObjectConstructor | <#assign oc = ObjectConstructor> | ObjectConstructor",
        "static models | ${statics[\"java.lang.System\"].exit(1)} | static and enum models",
        "enum models | ${enums[\"java.time.DayOfWeek\"]} | static and enum models",
        "?eval | ${\"1+1\"?eval} | ?eval",
        "?interpret | <#assign t = \"x\"?interpret> | ?eval and ?interpret",
        "#include | <#include \"/etc/passwd\"> | #include",
      })
  void constructsReachingForJavaAreRejectedWithTheirLine(
      String what, String forbidden, String reason) {
    String source = OK_LINE + OK_LINE + "  " + forbidden + "\n" + OK_LINE;
    List<FieldError> errors = TemplateChecker.problems(Part.HTML, source);
    assertThat(errors).as(what).isNotEmpty();
    assertThat(errors).allMatch(e -> e.field().equals("html"));
    assertThat(errors.get(0).reason()).startsWith("line 3, column ").contains(reason);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "?eval | ${\"<#list 1.. as i></#list>\"?<#-- hidden -->interpret} | ?eval and ?interpret",
        "?eval nested | ${'\"1\"?eval'? <#-- x --> eval} | ?eval and ?interpret",
        "?new | ${\"java.lang.Object\"?<#-- x -->new()} | ?new",
        "?api | ${customer?<#---->api.class} | ?api",
      })
  void aCommentInsideAnExpressionDoesNotHideAForbiddenBuiltIn(
      String what, String forbidden, String reason) {
    List<FieldError> errors = TemplateChecker.problems(Part.HTML, OK_LINE + forbidden + "\n");
    assertThat(errors).as(what).isNotEmpty();
    assertThat(errors).anySatisfy(e -> assertThat(e.reason()).contains(reason));
  }

  @Test
  void theSubjectAndTextAreCheckedTooAndNamedAsTheirField() {
    assertThat(TemplateChecker.problems(Part.SUBJECT, "Hi ${x?api.foo}"))
        .extracting(FieldError::field, FieldError::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "subject", "line 1, column 7: ?api (Java API access) is not allowed"));
    assertThat(TemplateChecker.problems(Part.TEXT, "a\nb ${\"x\"?new()}"))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).startsWith("line 2, column 8"));
  }

  @Test
  void aSyntaxErrorNamesItsLineAndColumn() {
    String source = OK_LINE + "<#if recommendations?has_content>\n  <p>${item.name</p>\n";
    List<FieldError> errors = TemplateChecker.problems(Part.HTML, source);
    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("html");
              assertThat(e.reason()).matches("line \\d+, column \\d+: .+");
            });
    assertThatThrownBy(() -> TemplateChecker.check(Part.HTML, source))
        .isInstanceOf(TemplateRejectedException.class);
  }

  @Test
  void anUnclosedDirectiveIsReportedOnItsLine() {
    List<FieldError> errors =
        TemplateChecker.problems(Part.HTML, "<p>a</p>\n<p>${customer.name</p>\n");
    assertThat(errors).singleElement().satisfies(e -> assertThat(e.reason()).startsWith("line 2"));
  }

  @Test
  void theShippedKindOfTemplatePasses() {
    String source =
        "<h1>Hello ${customer.firstName!\"there\"}</h1>\n"
            + "<#list recommendations as item><a href=\"${item.url}\">${item.name}</a>"
            + " ${fmt.price(item.price)}</#list>\n"
            + "<img src=\"${links.openPixel}\" alt=\"\">";
    assertThat(TemplateChecker.problems(Part.HTML, source)).isEmpty();
  }

  @Test
  void wordsInTheCopyAreNotMistakenForCode() {
    // "Execute your plan" and "new" in prose are text, not built-ins or class names.
    assertThat(
            TemplateChecker.problems(
                Part.HTML, "<p>Execute your plan: what is new? Our api is friendly.</p>"))
        .isEmpty();
  }
}
