package io.affinity.campaigns.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fast SMTP sink for the crash test: accepts everything and keeps, per message received, its
 * recipient and Message-ID header, nothing else (GreenMail keeps and parses whole messages, too
 * slow and large for tens of thousands). A message counts as delivered once its final "." has been
 * read, before the 250 is written: a client killed between the two did deliver it, as with a real
 * server.
 */
final class SinkSmtpServer implements AutoCloseable {
  /** One message received. */
  record Received(String recipient, String messageId) {}

  private final ServerSocket socket;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

  SinkSmtpServer() throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.submit(this::acceptLoop);
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Every message received so far. */
  java.util.List<Received> received() {
    return java.util.List.copyOf(received);
  }

  /** Messages received so far, counted by recipient (lower-case). */
  Map<String, Integer> countsByRecipient() {
    Map<String, Integer> counts = new HashMap<>();
    for (Received r : received) {
      counts.merge(r.recipient(), 1, Integer::sum);
    }
    return counts;
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        threads.submit(() -> session(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void session(Socket s) {
    try (s;
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream()) {
      reply(out, "220 sink ESMTP");
      String rcpt = null;
      String line;
      while ((line = in.readLine()) != null) {
        String cmd = line.toUpperCase(Locale.ROOT);
        if (cmd.startsWith("EHLO")) {
          reply(out, "250-sink\r\n250-PIPELINING\r\n250 8BITMIME");
        } else if (cmd.startsWith("RCPT")) {
          rcpt = line.substring(line.indexOf('<') + 1, line.indexOf('>')).toLowerCase(Locale.ROOT);
          reply(out, "250 OK");
        } else if (cmd.startsWith("DATA")) {
          reply(out, "354 go ahead");
          String messageId = null;
          boolean headers = true;
          while ((line = in.readLine()) != null && !line.equals(".")) {
            if (headers && line.isEmpty()) {
              headers = false;
            } else if (headers && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
              messageId = line.substring(11).trim();
            }
          }
          if (line == null) {
            return; // the client died mid-message: nothing was delivered
          }
          received.add(new Received(rcpt, messageId));
          reply(out, "250 2.0.0 queued");
        } else if (cmd.startsWith("QUIT")) {
          reply(out, "221 bye");
          return;
        } else {
          // HELO, MAIL, RSET, NOOP
          reply(out, "250 OK");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    threads.shutdownNow();
  }
}
