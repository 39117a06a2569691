package com.hotgigs.schema.matrix;

/** The HotGigs schema and the engine's core behaviours on PostgreSQL 14. */
class Postgres14Test extends PostgresMatrix {

    Postgres14Test() {
        super(14);
    }
}
