package io.affinity.campaigns.segments;

import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/** Checks that the products and categories a rule tree names exist, reporting each by its path. */
final class ReferenceCheck {
  private ReferenceCheck() {}

  static void check(Rule rule, RuleCompiler compiler) {
    List<FieldError> errors = new ArrayList<>();
    visit(rule, compiler, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(
          "The segment definition names " + errors.size() + " unknown product(s) or categories",
          errors);
    }
  }

  private static void visit(Rule rule, RuleCompiler compiler, List<FieldError> errors) {
    try {
      if (rule instanceof Rule.Group g) {
        g.children().forEach(child -> visit(child, compiler, errors));
      } else if (rule instanceof Rule.Not n) {
        visit(n.child(), compiler, errors);
      } else if (rule instanceof Rule.Bought b) {
        resolve(b.product(), b.category(), b.path(), compiler);
      } else if (rule instanceof Rule.LikelyBuyers l) {
        resolve(l.product(), l.category(), l.path(), compiler);
      }
    } catch (InvalidInputException e) {
      errors.addAll(e.errors());
    }
  }

  private static void resolve(String product, String category, String path, RuleCompiler c) {
    if (product != null) {
      c.productId(product, path + ".product");
    } else {
      c.category(category, path + ".category");
    }
  }
}
