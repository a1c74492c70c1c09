package io.affinity.service.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where the browser finds the JavaScript libraries of the WebJars on the classpath (served under
 * {@code /webjars/}, see application.yml): the version comes from each jar's own Maven metadata, so
 * the parent pom stays the one place that names it.
 */
public final class WebJars {
  private WebJars() {}

  /** The URL path of {@code file} in npm WebJar {@code artifact}, e.g. {@code dist/htmx.min.js}. */
  public static String path(String artifact, String file) {
    return "/webjars/" + artifact + "/" + version(artifact) + "/" + file;
  }

  private static String version(String artifact) {
    String resource = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
    try (InputStream in = WebJars.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("WebJar " + artifact + " is not on the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
