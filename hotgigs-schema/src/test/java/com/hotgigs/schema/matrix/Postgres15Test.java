package com.hotgigs.schema.matrix;

/** The HotGigs schema and the engine's core behaviours on PostgreSQL 15. */
class Postgres15Test extends PostgresMatrix {

    Postgres15Test() {
        super(15);
    }
}
