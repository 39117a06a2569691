package com.hotgigs.migrate;

import com.hotgigs.migrate.schema.SchemaTables;

/**
 * What a report shows of a database: the status of every migration and the tables the
 * migrations made, read at the same time.
 */
public record DatabaseReport(StatusReport status, SchemaTables tables) {
}
