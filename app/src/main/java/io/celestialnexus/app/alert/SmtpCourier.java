package io.celestialnexus.app.alert;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * E-mail over SMTP (Jakarta Mail, Eclipse Angus): one plain-text message per alert message, to every recipient. The
 * session is blocking, so it runs on {@code io} (the blocking dispatcher), bounded by {@code timeout} for connecting,
 * reading and writing. A refused login or a bad address is not retried; anything else (the server down, a 4xx) is.
 */
final class SmtpCourier implements AlertCourier {

  private final AlertSettings.Smtp smtp;
  private final Session session;
  private final Executor io;
  private final Clock clock;

  SmtpCourier(AlertSettings.Smtp smtp, Duration timeout, Executor io, Clock clock) {
    this.smtp = smtp;
    this.io = io;
    this.clock = clock;
    Properties properties = new Properties();
    String millis = Long.toString(timeout.toMillis());
    String protocol = smtp.security().equals("ssl") ? "smtps" : "smtp";
    properties.put("mail.transport.protocol", protocol);
    properties.put("mail." + protocol + ".host", smtp.host());
    properties.put("mail." + protocol + ".port", Integer.toString(smtp.port()));
    properties.put("mail." + protocol + ".connectiontimeout", millis);
    properties.put("mail." + protocol + ".timeout", millis);
    properties.put("mail." + protocol + ".writetimeout", millis);
    properties.put("mail." + protocol + ".auth", Boolean.toString(!smtp.user().isEmpty()));
    if (smtp.security().equals("starttls")) {
      properties.put("mail.smtp.starttls.enable", "true");
      properties.put("mail.smtp.starttls.required", "true");
    }
    if (smtp.security().equals("ssl")) {
      properties.put("mail.smtps.ssl.checkserveridentity", "true");
    }
    this.session = Session.getInstance(properties);
  }

  @Override
  public String channel() {
    return SMTP;
  }

  @Override
  public CompletionStage<Void> deliver(AlertMessage message) {
    return CompletableFuture.runAsync(() -> send(message), io);
  }

  private void send(AlertMessage message) {
    try {
      MimeMessage mail = new MimeMessage(session);
      mail.setFrom(new InternetAddress(smtp.from(), true));
      for (String to : smtp.to()) {
        mail.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
      }
      mail.setSubject("[nexus] " + message.title(), StandardCharsets.UTF_8.name());
      mail.setSentDate(Date.from(clock.instant()));
      mail.setText(message.text(), StandardCharsets.UTF_8.name());
      mail.saveChanges();
      try (Transport transport = session.getTransport()) {
        if (smtp.user().isEmpty()) {
          transport.connect();
        } else {
          transport.connect(smtp.user(), smtp.password());
        }
        transport.sendMessage(mail, mail.getAllRecipients());
      }
    } catch (AuthenticationFailedException e) {
      throw new DeliveryFailure("the SMTP server refused the login", false);
    } catch (AddressException e) {
      throw new DeliveryFailure("bad address: " + e.getMessage(), false);
    } catch (MessagingException e) {
      throw new DeliveryFailure("SMTP: " + e.getMessage(), true);
    }
  }
}
