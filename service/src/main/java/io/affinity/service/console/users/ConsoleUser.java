package io.affinity.service.console.users;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A console user as shown (never with the password hash).
 *
 * @param lastSignInAt the last successful sign-in, null if never
 */
public record ConsoleUser(
    long id, String username, Role role, Instant createdAt, @Nullable Instant lastSignInAt) {}
