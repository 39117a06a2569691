package com.hotgigs.schema.matrix;

/** The HotGigs schema and the engine's core behaviours on PostgreSQL 18. */
class Postgres18Test extends PostgresMatrix {

    Postgres18Test() {
        super(18);
    }
}
