/** The console's user accounts: roles, bcrypt password hashes and their table. */
package io.affinity.service.console.users;
