/**
 * Splitting migration scripts into statements: {@link com.hotgigs.migrate.sql.SqlSplitter} turns a
 * script into {@link com.hotgigs.migrate.sql.Statement}s, each with its exact source text, its
 * position in the file, the {@link com.hotgigs.migrate.sql.StatementKind} that tells the engine how to
 * run it, and the data of a {@code COPY ... FROM stdin}. It splits exactly where psql does.
 */
package com.hotgigs.migrate.sql;
