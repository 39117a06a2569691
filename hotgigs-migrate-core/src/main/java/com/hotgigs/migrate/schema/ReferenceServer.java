package com.hotgigs.migrate.schema;

/**
 * Where the schema the migrations build is replayed, to compare a database with: an empty, throwaway
 * server of a given major version (comparing what PostgreSQL prints needs the same major on both
 * sides). {@link EmbeddedReference} starts an embedded PostgreSQL; tests may give a server of their own.
 */
@FunctionalInterface
public interface ReferenceServer {

    /** A caller that configured none: starting one is refused with how to give one. */
    ReferenceServer NONE = major -> {
        throw new IllegalStateException("no reference server was configured (MigratorConfig.Builder.baseline(...).reference)");
    };

    /**
     * Starts an empty database of this major version, superuser access.
     *
     * @throws RuntimeException the server could not be started; its message says why
     */
    Database start(int major);

    /** A running throwaway database; closing it stops the server and deletes its data. */
    interface Database extends AutoCloseable {

        /** JDBC URL, credentials as URL parameters. */
        String url();

        @Override
        void close();
    }
}
