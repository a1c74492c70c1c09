package io.affinity.service;

import io.affinity.service.cli.CustomerValueCommand;
import io.affinity.service.cli.DemoCommand;
import io.affinity.service.cli.EvaluateCommand;
import io.affinity.service.cli.GenerateCommand;
import io.affinity.service.cli.ImportCommand;
import io.affinity.service.cli.ServeCommand;
import io.affinity.service.cli.TrainCommand;
import io.affinity.service.cli.UserCommand;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code affinity} command: runs the service, the demo, imports and generators. */
@Command(
    name = "affinity",
    mixinStandardHelpOptions = true,
    version = "Affinity 0.1.0",
    description = "Self-hosted targeted marketing and recommendation service.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      ImportCommand.class,
      GenerateCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      CustomerValueCommand.class,
      UserCommand.class
    })
@OpenAPIDefinition(
    info =
        @Info(
            title = "Affinity",
            version = "0.1",
            description =
                "Customers, households, products and events in; recommendations, offers and"
                    + " campaigns out. Every error is application/problem+json."),
    security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(
    name = "apiKey",
    type = SecuritySchemeType.APIKEY,
    in = SecuritySchemeIn.HEADER,
    paramName = "X-API-Key")
public class Affinity {
  private Affinity() {}

  /** Runs a command; the server commands return only when the server stops. */
  public static void main(String[] args) {
    int code =
        new CommandLine(new Affinity()).execute(args.length == 0 ? new String[] {"serve"} : args);
    System.exit(code);
  }
}
