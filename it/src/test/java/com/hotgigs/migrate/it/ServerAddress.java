package com.hotgigs.migrate.it;

import java.net.URI;

/** Host, port and database of a test database's JDBC URL, for configurations that name them apart. */
public record ServerAddress(String host, int port, String database) {

    public static ServerAddress of(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return new ServerAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1));
    }

    /** The URL without credentials, so the user and password come from where the test says. */
    public String url() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
