/**
 * The segments pages: the list, one segment with its live preview, versions and snapshots, and the
 * rule builder (conditions, groups, not) that creates a segment or saves its next version, counting
 * as the rules change.
 */
package io.affinity.service.console.segments;
