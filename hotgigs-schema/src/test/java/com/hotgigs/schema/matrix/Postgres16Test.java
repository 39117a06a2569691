package com.hotgigs.schema.matrix;

/** The HotGigs schema and the engine's core behaviours on PostgreSQL 16. */
class Postgres16Test extends PostgresMatrix {

    Postgres16Test() {
        super(16);
    }
}
