/** JMH benchmark of building and writing campaign MIME messages. */
package io.affinity.bench.delivery;
