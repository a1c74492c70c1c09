/** Helpers shared by the tests: SQL checks of what was stored. */
package io.affinity.core.testing;
