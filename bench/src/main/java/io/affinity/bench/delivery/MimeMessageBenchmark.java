package io.affinity.bench.delivery;

import io.affinity.campaigns.compose.ComposedMessage;
import io.affinity.campaigns.delivery.MimeMessages;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.OutputStream;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Building a campaign message and writing it as SMTP would ({@link MimeMessages}: text parts
 * encoded once from bytes) against the baseline of the same headers and parts left to Jakarta Mail
 * ({@code setText}, which encodes each text once to choose its transfer encoding and again to write
 * it). A newsletter of about 6 KB of HTML with 20 linked items, all ASCII or with one accented
 * character (quoted-printable).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MimeMessageBenchmark {
  @Param({"ascii", "accented"})
  public String text;

  private Session session;
  private ComposedMessage message;
  private final OutputStream sink = OutputStream.nullOutputStream();

  @Setup
  public void setUp() {
    System.setProperty(
        "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    session = Session.getInstance(new Properties());
    StringBuilder html = new StringBuilder("<html><body><h1>Picked for you, Ann");
    html.append(text.equals("accented") ? " Zoë" : "").append("</h1><table>\n");
    for (int i = 0; i < 20; i++) {
      html.append("<tr><td><a href=\"https://shop.example/t/c?t=eyJjIjoxLCJyIjoxMjM0NSwiaSI6")
          .append("InAxMjMiLCJzIjoxfQ.abcdefghijklmnopqrstuvwxyz012345\">Maison Lark Lighting ")
          .append(i)
          .append(" Premium</a></td><td>218.28</td><td>viewed with Vantor Makeup</td></tr>\n");
    }
    html.append("</table></body></html>");
    String plain = html.toString().replaceAll("<[^>]+>", "");
    message =
        new ComposedMessage(
            "ann@test.example",
            "Ann",
            "Picked for you",
            html.toString(),
            plain,
            "https://shop.example/u/1");
  }

  @Benchmark
  public MimeMessage ours() throws Exception {
    MimeMessage m =
        MimeMessages.build(session, "shop@shop.example", "Shop", message, "<1@shop.example>");
    m.writeTo(sink);
    return m;
  }

  @Benchmark
  public MimeMessage baselineJakartaSetText() throws Exception {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("shop@shop.example", "Shop", "UTF-8"));
    m.setRecipient(
        Message.RecipientType.TO, new InternetAddress(message.to(), message.toName(), "UTF-8"));
    m.setSubject(message.subject(), "UTF-8");
    m.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
    m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(message.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(message.html(), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    m.setContent(alternative);
    m.setSentDate(new Date());
    m.saveChanges();
    m.writeTo(sink);
    return m;
  }
}
