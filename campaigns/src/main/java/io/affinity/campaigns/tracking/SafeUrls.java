package io.affinity.campaigns.tracking;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Which URLs a redirect may go to: absolute http(s) URLs with a host, nothing else. */
public final class SafeUrls {
  private SafeUrls() {}

  /** Whether {@code url} is an absolute http or https URL with a host (no javascript:, data:). */
  public static boolean isWebUrl(String url) {
    if (url == null || url.isBlank() || url.indexOf('\r') >= 0 || url.indexOf('\n') >= 0) {
      return false;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
