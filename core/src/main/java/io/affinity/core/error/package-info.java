/** Domain errors that the HTTP layer turns into {@code application/problem+json} responses. */
package io.affinity.core.error;
