package io.affinity.campaigns.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A tiny SMTP server for replies GreenMail cannot give: the reply to each RCPT TO comes from a
 * script (the address and how many times it was seen before), so a test can answer 550 or 421.
 * After a 421 the connection is closed, as a real server does. Messages completed with DATA are
 * counted per recipient.
 */
final class ScriptedSmtpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final BiFunction<String, Integer, String> rcptReply;
  private final Map<String, AtomicInteger> rcptSeen = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();

  /**
   * @param rcptReply the reply line to RCPT TO for an address seen {@code n} times before
   */
  ScriptedSmtpServer(BiFunction<String, Integer, String> rcptReply) throws IOException {
    this.rcptReply = rcptReply;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.submit(this::acceptLoop);
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Messages accepted for {@code address}. */
  int accepted(String address) {
    AtomicInteger n = accepted.get(address.toLowerCase());
    return n == null ? 0 : n.get();
  }

  /** RCPT TO commands seen for {@code address}. */
  int attempts(String address) {
    AtomicInteger n = rcptSeen.get(address.toLowerCase());
    return n == null ? 0 : n.get();
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
      reply(out, "220 scripted ESMTP");
      String rcpt = null;
      String line;
      while ((line = in.readLine()) != null) {
        String cmd = line.toUpperCase();
        if (cmd.startsWith("EHLO")) {
          reply(out, "250-scripted\r\n250 8BITMIME");
        } else if (cmd.startsWith("HELO")
            || cmd.startsWith("MAIL")
            || cmd.startsWith("RSET")
            || cmd.startsWith("NOOP")) {
          reply(out, "250 OK");
        } else if (cmd.startsWith("RCPT")) {
          String address = line.substring(line.indexOf('<') + 1, line.indexOf('>')).toLowerCase();
          int seen = rcptSeen.computeIfAbsent(address, a -> new AtomicInteger()).getAndIncrement();
          String answer = rcptReply.apply(address, seen);
          reply(out, answer);
          if (answer.startsWith("421")) {
            return;
          }
          rcpt = answer.startsWith("250") ? address : null;
        } else if (cmd.startsWith("DATA")) {
          reply(out, "354 go ahead");
          while ((line = in.readLine()) != null && !line.equals(".")) {
            // the message body: only its end matters here
          }
          if (rcpt != null) {
            accepted.computeIfAbsent(rcpt, a -> new AtomicInteger()).incrementAndGet();
          }
          reply(out, "250 2.0.0 queued");
        } else if (cmd.startsWith("QUIT")) {
          reply(out, "221 bye");
          return;
        } else {
          reply(out, "502 not implemented");
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
