package io.affinity.service.console.signin;

import io.affinity.service.console.session.ConsoleSession;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * What came of a sign-in attempt.
 *
 * @param session the new signed-in session; null if the attempt was refused
 * @param retryAfter how long the client must wait before trying again (the brake); null if it need
 *     not
 */
public record SignInResult(@Nullable ConsoleSession session, @Nullable Duration retryAfter) {}
