/**
 * What the campaigns module holds about a person, for erasure and export (see core's privacy):
 * campaigns received and their tracking, segment memberships, trigger firings.
 */
package io.affinity.campaigns.privacy;
