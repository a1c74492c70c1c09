/**
 * Every error leaves the service as {@code application/problem+json} (RFC 9457) with a fixed type
 * URI, naming the bad fields and never showing a stack trace or internal detail.
 */
package io.affinity.service.problem;
