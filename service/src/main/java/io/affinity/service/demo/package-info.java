/** The demo: embedded defaults, generated API keys and demo data, ready for a first curl. */
package io.affinity.service.demo;
