package io.affinity.service.console.settings;

import io.affinity.service.console.ConsoleViews;
import io.affinity.service.console.Formats;
import io.affinity.service.console.Page;
import io.affinity.service.console.users.ConsoleUser;
import io.affinity.service.console.users.ConsoleUsers;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /console/settings/users}: the console's users and their roles; admins only. */
@Hidden
@Controller("/console/settings/users")
@Secured("admin")
@ExecuteOn(TaskExecutors.BLOCKING)
public class UsersController {
  private final ConsoleUsers users;
  private final ConsoleViews views;

  public UsersController(ConsoleUsers users, ConsoleViews views) {
    this.users = users;
    this.views = views;
  }

  /** The users, by name. */
  @Get(produces = MediaType.TEXT_HTML)
  public HttpResponse<String> list(Authentication authentication) {
    Map<String, Object> model = Page.of("Settings: users", "settings", authentication);
    List<Map<String, String>> rows = new ArrayList<>();
    for (ConsoleUser u : users.all()) {
      rows.add(
          Map.of(
              "name", u.username(),
              "role", u.role().wireName(),
              "created", Formats.time(u.createdAt()),
              "lastSignIn", Formats.time(u.lastSignInAt())));
    }
    model.put("users", rows);
    model.put("tab", "users");
    return views.page("users", model);
  }
}
