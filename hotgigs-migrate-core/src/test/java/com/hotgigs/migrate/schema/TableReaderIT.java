package com.hotgigs.migrate.schema;

import com.hotgigs.migrate.schema.SchemaTables.Column;
import com.hotgigs.migrate.schema.SchemaTables.ForeignKey;
import com.hotgigs.migrate.schema.SchemaTables.Table;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the diagram is drawn from, read from a real catalog. */
class TableReaderIT {

    private final TestDatabase database = TestDatabase.create();

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void readsTablesColumnsAndForeignKeysInOrderLeavingOutHistoryPartitionsAndSystemSchemas() throws SQLException {
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA billing");
            sql.execute("CREATE TABLE public.companies (id int, region text, name varchar(80) NOT NULL, PRIMARY KEY (region, id))");
            sql.execute("CREATE TABLE billing.invoices (id bigint PRIMARY KEY, company_region text, company_id int, "
                    + "CONSTRAINT invoices_company FOREIGN KEY (company_id, company_region) REFERENCES public.companies (id, region))");
            sql.execute("CREATE TABLE public.events (at date NOT NULL, invoice_id bigint REFERENCES billing.invoices) PARTITION BY RANGE (at)");
            sql.execute("CREATE TABLE public.events_2026 PARTITION OF public.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
            sql.execute("CREATE TABLE public.empty ()");
            sql.execute("CREATE TABLE public.schema_migrations (installed_rank int)");
            sql.execute("ALTER TABLE public.companies DROP COLUMN region CASCADE");
            sql.execute("ALTER TABLE public.companies ADD PRIMARY KEY (id)");

            SchemaTables tables = new TableReader("public", "schema_migrations").read(connection);

            assertEquals(List.of(
                    new Table("billing", "invoices", List.of(new Column("id", "bigint", true, true),
                            new Column("company_region", "text", false, false), new Column("company_id", "integer", false, false))),
                    new Table("public", "companies", List.of(new Column("id", "integer", true, true),
                            new Column("name", "character varying(80)", true, false))),
                    new Table("public", "empty", List.of()),
                    new Table("public", "events", List.of(new Column("at", "date", true, false),
                            new Column("invoice_id", "bigint", false, false)))), tables.tables());
            assertEquals(List.of(new ForeignKey("events_invoice_id_fkey", "public.events", List.of("invoice_id"), "billing.invoices",
                    List.of("id"))), tables.foreignKeys(), "the dropped column took the composite key along; a partition's copy is its parent's");
            assertTrue(tables.severalSchemas());
            assertTrue(connection.getAutoCommit(), "the connection is left as it was given");
        }
    }

    @Test
    void readsTheCompositeKeysColumnsInTheirDeclaredOrder() throws SQLException {
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE a (x int, y int, PRIMARY KEY (x, y))");
            sql.execute("CREATE TABLE b (p int, q int, CONSTRAINT b_a FOREIGN KEY (q, p) REFERENCES a (y, x))");

            SchemaTables tables = new TableReader("public", "schema_migrations").read(connection);

            assertEquals(List.of(new ForeignKey("b_a", "public.b", List.of("q", "p"), "public.a", List.of("y", "x"))), tables.foreignKeys());
        }
    }
}
