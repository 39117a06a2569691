package com.hotgigs.schema.matrix;

/** The HotGigs schema and the engine's core behaviours on PostgreSQL 17. */
class Postgres17Test extends PostgresMatrix {

    Postgres17Test() {
        super(17);
    }
}
