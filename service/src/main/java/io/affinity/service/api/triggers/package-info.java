/**
 * Household triggers over HTTP (scope marketing): create, list, read, pause, resume and the lift
 * report; and the schedule that evaluates them as events arrive.
 */
package io.affinity.service.api.triggers;
