/** The runnable application: the command line, the HTTP API and its wiring. Logic lives in core. */
package io.affinity.service;
