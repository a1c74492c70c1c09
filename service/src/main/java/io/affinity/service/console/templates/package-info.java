/**
 * The templates pages: the list of e-mail templates and their versions, the editor with a live
 * preview for a chosen customer (HTML in a sandboxed frame, and the text part), errors shown at
 * their line, saving a new version, and a test send. Marketers and admins edit and send; analysts
 * read.
 */
package io.affinity.service.console.templates;
