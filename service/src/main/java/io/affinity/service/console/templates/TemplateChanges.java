package io.affinity.service.console.templates;

import io.affinity.campaigns.templates.TemplateInput;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.campaigns.templates.TemplateView;
import io.affinity.core.audit.AuditLog;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Saves templates from the console's editor, each save with its line in the audit log in the same
 * transaction: who created a template or saved which version of it.
 */
@Singleton
class TemplateChanges {
  static final String CREATE = "template-create";
  static final String VERSION = "template-version";
  static final String TEMPLATE = "template";

  private final TemplateService templates;
  private final TransactionOperations<Connection> tx;
  private final AuditLog audit;

  TemplateChanges(TemplateService templates, TransactionOperations<Connection> tx, AuditLog audit) {
    this.templates = templates;
    this.tx = tx;
    this.audit = audit;
  }

  /**
   * A new template from {@code in}, created by {@code user}.
   *
   * @throws io.affinity.core.error.InvalidInputException naming every problem; nothing is written
   */
  TemplateView create(TemplateInput in, String user) {
    return tx.executeWrite(
        status -> {
          TemplateView t = templates.create(in);
          audit(status.getConnection(), user, CREATE, t, t.name());
          return t;
        });
  }

  /**
   * {@code in} saved as the next version of template {@code id} by {@code user}.
   *
   * @throws io.affinity.core.error.InvalidInputException naming every problem; nothing is written
   */
  TemplateView update(long id, TemplateInput in, String user) {
    return tx.executeWrite(
        status -> {
          TemplateView t = templates.update(id, in);
          audit(
              status.getConnection(),
              user,
              VERSION,
              t,
              "version " + t.currentVersion() + ": " + t.name());
          return t;
        });
  }

  private void audit(Connection c, String user, String action, TemplateView t, String detail)
      throws SQLException {
    audit.append(c, user, action, TEMPLATE, String.valueOf(t.id()), detail);
  }
}
