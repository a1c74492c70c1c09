/**
 * The console's triggers page: the household triggers, creating and editing one (errors at their
 * field), pausing and resuming with a confirmation, and each trigger's firing log.
 */
package io.affinity.service.console.triggers;
