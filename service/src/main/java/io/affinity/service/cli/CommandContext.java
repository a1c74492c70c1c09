package io.affinity.service.cli;

import io.micronaut.context.ApplicationContext;

/**
 * The application context of a command that works on the database without serving HTTP: same
 * configuration as the service (embedded defaults, or the deployer's files), no server.
 */
final class CommandContext {
  /** The Micronaut environment of command-line work. */
  static final String ENVIRONMENT = "cli";

  private CommandContext() {}

  static ApplicationContext start() {
    return ApplicationContext.builder().environments(ENVIRONMENT).start();
  }
}
