/** The command-line commands: serve, demo, import, generate; each one thin, logic in core. */
package io.affinity.service.cli;
