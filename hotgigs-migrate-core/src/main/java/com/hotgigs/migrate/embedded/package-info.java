/**
 * A throwaway PostgreSQL server from the real binaries Maven Central ships, for developers, CI and
 * tests that have no server of their own. Knows nothing of Maven: callers hand it a binaries jar.
 */
package com.hotgigs.migrate.embedded;
