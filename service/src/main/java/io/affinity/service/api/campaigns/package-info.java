/**
 * Campaigns over HTTP (scope marketing): create, list, read with progress, launch, pause, resume,
 * cancel, and list recipients by state (such as the ambiguous ones after a crash).
 */
package io.affinity.service.api.campaigns;
