package com.hotgigs.schema.matrix;

/** The HotGigs schema and the engine's core behaviours on PostgreSQL 12. */
class Postgres12Test extends PostgresMatrix {

    Postgres12Test() {
        super(12);
    }
}
