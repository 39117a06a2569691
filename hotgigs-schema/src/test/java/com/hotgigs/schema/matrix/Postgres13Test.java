package com.hotgigs.schema.matrix;

/** The HotGigs schema and the engine's core behaviours on PostgreSQL 13. */
class Postgres13Test extends PostgresMatrix {

    Postgres13Test() {
        super(13);
    }
}
