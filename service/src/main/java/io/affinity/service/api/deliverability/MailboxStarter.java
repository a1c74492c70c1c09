package io.affinity.service.api.deliverability;

import io.affinity.campaigns.deliverability.MailboxPoller;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/**
 * Starts reading the bounce mailbox when the HTTP service starts (CLI commands must not), if one is
 * configured ({@code affinity.deliverability.mailbox.host}). It stops with the context.
 */
@Singleton
public class MailboxStarter {
  private final MailboxPoller poller;

  public MailboxStarter(MailboxPoller poller) {
    this.poller = poller;
  }

  @EventListener
  void onServerStarted(ServerStartupEvent event) {
    poller.start();
  }
}
