package io.affinity.service.api.campaigns;

import io.affinity.campaigns.delivery.DeliveryEngine;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/**
 * Starts campaign delivery when the HTTP service starts (and only then: CLI commands such as an
 * import share the application context but must not send mail). The engine stops with the context.
 */
@Singleton
public class DeliveryStarter {
  private final DeliveryEngine engine;

  public DeliveryStarter(DeliveryEngine engine) {
    this.engine = engine;
  }

  @EventListener
  void onServerStarted(ServerStartupEvent event) {
    engine.start();
  }
}
