/**
 * The console: server-rendered pages for marketers and analysts under {@code /console}. This
 * package holds what every page shares (configuration, the Freemarker renderer, the page model);
 * each page lives in a sub-package and calls the same beans as the API, never the API itself.
 */
package io.affinity.service.console;
