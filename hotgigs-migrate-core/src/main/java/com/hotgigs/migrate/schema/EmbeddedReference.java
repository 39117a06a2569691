package com.hotgigs.migrate.schema;

import com.hotgigs.migrate.embedded.EmbeddedServer;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.IntFunction;

/** Replays into an embedded PostgreSQL of the database's major version, started for the comparison and stopped after it. */
public final class EmbeddedReference implements ReferenceServer {

    private final IntFunction<Path> binariesJar;

    /** @param binariesJar the PostgreSQL binaries jar of a major version (the caller downloads or finds it) */
    public EmbeddedReference(IntFunction<Path> binariesJar) {
        this.binariesJar = Objects.requireNonNull(binariesJar, "binariesJar");
    }

    @Override
    public Database start(int major) {
        EmbeddedServer server = EmbeddedServer.builder(binariesJar.apply(major))
                .database("hotgigs_reference")
                // Thrown away after one comparison: durability buys nothing and costs seconds.
                .serverConfig("fsync", "off")
                .serverConfig("synchronous_commit", "off")
                .serverConfig("full_page_writes", "off")
                .start();
        return new Database() {
            @Override
            public String url() {
                return server.url() + "?user=" + server.user();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
