package io.affinity.service.cli;

import io.affinity.core.error.InvalidInputException;
import io.affinity.service.console.users.ConsoleUsers;
import io.affinity.service.console.users.Passwords;
import io.affinity.service.console.users.Role;
import io.micronaut.context.ApplicationContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code affinity user add NAME --role ROLE}: creates a console user (or, with {@code --reset},
 * gives an existing one a new password and role). The password is read from standard input with
 * {@code --password-stdin}, else generated and printed once.
 */
@Command(
    name = "user",
    description = "Manage console users.",
    subcommands = {UserCommand.Add.class})
public class UserCommand {
  /** {@code affinity user add}. */
  @Command(
      name = "add",
      description =
          "Create a console user (role marketer, analyst or admin). The password is generated"
              + " and printed unless --password-stdin gives one.")
  static class Add implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "the user name")
    String name;

    @Option(names = "--role", required = true, description = "marketer, analyst or admin")
    String role;

    @Option(names = "--password-stdin", description = "read the password from standard input")
    boolean passwordStdin;

    @Option(names = "--reset", description = "set a new password and role if the user exists")
    boolean reset;

    @Override
    public Integer call() throws Exception {
      Role r = Role.of(role).orElse(null);
      if (r == null) {
        System.err.println("--role must be marketer, analyst or admin, got '" + role + "'");
        return 2;
      }
      String password;
      if (passwordStdin) {
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        password = line == null ? "" : line;
      } else {
        password = Passwords.generate();
      }
      try (ApplicationContext context = CommandContext.start()) {
        ConsoleUsers users = context.getBean(ConsoleUsers.class);
        if (reset && users.account(name).isPresent()) {
          users.reset(name, password, r);
          System.out.println("User " + name + " (" + r.wireName() + ") has a new password.");
        } else {
          users.create(name, password, r);
          System.out.println("Created console user " + name + " (" + r.wireName() + ").");
        }
        if (!passwordStdin) {
          System.out.println("Password (shown once): " + password);
        }
        return 0;
      } catch (InvalidInputException e) {
        System.err.println(e.getMessage());
        return 1;
      }
    }
  }
}
