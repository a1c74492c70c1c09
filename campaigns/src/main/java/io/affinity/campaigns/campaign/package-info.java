/**
 * Campaign lifecycle: create, launch (the audience written as recipient rows with their arms),
 * pause, resume, cancel, finish; and progress read from the recipients' states.
 */
package io.affinity.campaigns.campaign;
