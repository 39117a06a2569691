package com.hotgigs.migrate.connection;

import org.postgresql.Driver;
import org.postgresql.util.URLCoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading JDBC URLs without ever letting a password reach a message or a log. */
public final class JdbcUrl {

    static final String MASK = "****";

    private static final Pattern URL_IN_TEXT = Pattern.compile("jdbc:postgresql:[^\\s\"'<>]+");
    /**
     * A password-like parameter written after a semicolon, as other drivers take them (PostgreSQL's reads it as part
     * of the database name); masked to the query, since a password may hold a semicolon too.
     */
    private static final Pattern SEMICOLON_PASSWORD = Pattern.compile("(?i)(;[^;?/=]*password[^;?/=]*=)[^?]*");
    private static final int MAX_PORT = 65535;

    private JdbcUrl() {
    }

    /**
     * The URL with the value of every password-like parameter ({@code password}, {@code sslpassword},
     * any name containing "password", in any case) and the password of its user info replaced by ****.
     * Parameters are cut where the PostgreSQL driver cuts them (at {@code &} only, the name ending at the
     * first {@code =}, percent-encoding decoded), so {@code password=ab;cd3f} is masked whole, as the
     * driver reads all of it.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String masked = maskUserInfo(url);
        int query = masked.indexOf('?');
        String base = SEMICOLON_PASSWORD.matcher(query < 0 ? masked : masked.substring(0, query)).replaceAll("$1" + MASK);
        if (query < 0) {
            return base;
        }
        List<String> parameters = new ArrayList<>();
        for (String parameter : masked.substring(query + 1).split("&", -1)) {
            int equals = parameter.indexOf('=');
            boolean secret = isPasswordName(equals < 0 ? parameter : parameter.substring(0, equals));
            parameters.add(secret ? (equals < 0 ? parameter : parameter.substring(0, equals)) + "=" + MASK : parameter);
        }
        String redacted = base + "?" + String.join("&", parameters);
        return leaksAnyPassword(redacted) ? base + "?" + MASK : redacted;
    }

    /**
     * The URL with what stands between its user name and the last {@code @} before its host masked
     * ({@code //u:****@host/db}). A password may hold {@code /}, {@code ?} and {@code @}, so the host is
     * found from the end: after the last {@code @}, followed by its {@code /database}, or with no {@code ?}
     * before that {@code @}. A {@code ?user=me@server} parameter (no {@code /} after its {@code @}) is not user info.
     */
    private static String maskUserInfo(String url) {
        int start = url.indexOf("//");
        int at = url.lastIndexOf('@');
        if (start < 0 || at < start) {
            return url;
        }
        int colon = url.indexOf(':', start + 2);
        if (colon < 0 || colon > at) {
            return url;
        }
        boolean hostFollows = url.indexOf('/', at) >= 0 || url.lastIndexOf('?', at) < start;
        boolean userLooksPlain = url.substring(start + 2, colon).chars().noneMatch(c -> "/?=&".indexOf(c) >= 0);
        return hostFollows && userLooksPlain ? url.substring(0, colon + 1) + MASK + url.substring(at) : url;
    }

    /**
     * Why the PostgreSQL driver could not read this URL, said plainly, or null when it can. Asked before
     * the driver ever sees the URL: when it cannot read one it logs it whole, password parameters included.
     */
    public static String shapeProblem(String url) {
        String prefix = "jdbc:postgresql:";
        if (url == null || !url.startsWith(prefix)) {
            return "it does not start with jdbc:postgresql:";
        }
        int query = url.indexOf('?');
        String server = url.substring(prefix.length(), query < 0 ? url.length() : query);
        // Without one the driver connects to the database named like the user: most often the maintenance database.
        String noDatabase = "it names no database (the driver would use the one named like the user, often the maintenance "
                + "database postgres)";
        if (!server.startsWith("//")) {
            return server.isEmpty() ? noDatabase : null;
        }
        String hostsAndDatabase = server.substring(2);
        long slashes = hostsAndDatabase.chars().filter(c -> c == '/').count();
        if (slashes == 0) {
            return "it has no / between its host (or port) and its database";
        }
        if (slashes > 1) {
            return "it has more than one / after its host: a database name with /, or a user and password before the host";
        }
        if (hostsAndDatabase.endsWith("/")) {
            return noDatabase;
        }
        if (hostsAndDatabase.contains(";")) {
            return "its database part has a ';' (parameters follow a ? and are separated by &, as in ?password=...)";
        }
        for (String host : hostsAndDatabase.substring(0, hostsAndDatabase.indexOf('/')).split(",", -1)) {
            String problem = portProblem(host);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String portProblem(String host) {
        int colon = host.lastIndexOf(':');
        if (colon < 0 || colon < host.lastIndexOf(']') || colon == host.length() - 1) {
            return null;
        }
        String port = host.substring(colon + 1);
        boolean number = port.length() <= 5 && port.chars().allMatch(Character::isDigit);
        int value = number ? Integer.parseInt(port) : -1;
        return value >= 1 && value <= MAX_PORT ? null : "its port '" + port + "' is not a number from 1 to " + MAX_PORT;
    }

    /** A message (the driver's, say) with every JDBC URL in it redacted; the rest of the text as it is. */
    public static String redactText(String text) {
        return text == null ? null : URL_IN_TEXT.matcher(text).replaceAll(url -> Matcher.quoteReplacement(redact(url.group())));
    }

    /** Whether a URL or connection parameter name holds a secret: any name containing "password". */
    public static boolean isPasswordName(String name) {
        return decode(name).toLowerCase(Locale.ROOT).contains("password");
    }

    /**
     * The URL's parameters as the PostgreSQL driver reads them (decoded; host, port and database under
     * the driver's PGHOST, PGPORT and PGDBNAME), or none when the driver cannot read the URL.
     */
    public static Map<String, String> parameters(String url) {
        // The driver logs a URL it cannot read, user info and its password included: it never sees one.
        Properties parsed = url == null || hasUserInfo(url) || shapeProblem(url) != null ? null : Driver.parseURL(url, null);
        Map<String, String> parameters = new LinkedHashMap<>();
        if (parsed != null) {
            parsed.stringPropertyNames().forEach(name -> parameters.put(name, parsed.getProperty(name)));
        }
        return parameters;
    }

    /**
     * The user the driver logs in as: the URL's {@code user} parameter, which it takes over the configured
     * one, or {@code configured}. Read without the driver, so that a build's log can name it before the driver loads.
     */
    public static String loginUser(String url, String configured) {
        String fromUrl = userParameter(url);
        return fromUrl != null ? fromUrl : configured;
    }

    /** The {@code user} parameter of the URL, or null. */
    static String userParameter(String url) {
        int query = url == null ? -1 : url.indexOf('?');
        if (query < 0) {
            return null;
        }
        String user = null;
        for (String parameter : url.substring(query + 1).split("&")) {
            if (parameter.startsWith("user=")) {
                user = decode(parameter.substring("user=".length()));
            }
        }
        return user == null || user.isEmpty() ? null : user;
    }

    /**
     * Whether the URL has {@code user@} or {@code user:password@} before its host, which the PostgreSQL
     * driver does not read (it takes the text as a host and port, and logs it).
     */
    public static boolean hasUserInfo(String url) {
        int start = url.indexOf("//");
        if (start < 0) {
            return false;
        }
        int end = start + 2;
        while (end < url.length() && "/?".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        return url.substring(start + 2, end).contains("@");
    }

    /** host:port/database of a jdbc:postgresql URL, for messages; the URL itself when it has another shape. */
    public static String describeTarget(String url) {
        String rest = url.startsWith("jdbc:postgresql://") ? url.substring("jdbc:postgresql://".length()) : url;
        int query = rest.indexOf('?');
        return redact(query < 0 ? rest : rest.substring(0, query));
    }

    /**
     * The same URL, hosts and parameters kept, naming another database on the same server(s):
     * {@code jdbc:postgresql://h:5432/a?ssl=true} with {@code b} is {@code jdbc:postgresql://h:5432/b?ssl=true}.
     */
    public static String withDatabase(String url, String database) {
        String prefix = "jdbc:postgresql:";
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        if (!path.startsWith(prefix + "//")) {
            return prefix + database + parameters;
        }
        int slash = path.indexOf('/', (prefix + "//").length());
        return (slash < 0 ? path : path.substring(0, slash)) + "/" + database + parameters;
    }

    /** The database name of a jdbc:postgresql://host/db URL, or null when the URL does not show one. */
    public static String database(String url) {
        String target = describeTarget(url);
        int slash = target.lastIndexOf('/');
        return slash < 0 || slash == target.length() - 1 ? null : target.substring(slash + 1);
    }

    /**
     * A second opinion from the driver's own parser: should its reading of the redacted URL still find
     * a password-like parameter that is not the mask, no part of the query is shown.
     */
    private static boolean leaksAnyPassword(String redacted) {
        return parameters(redacted).entrySet().stream()
                .anyMatch(parameter -> isPasswordName(parameter.getKey()) && !parameter.getValue().equals(MASK));
    }

    private static String decode(String text) {
        try {
            return URLCoder.decode(text);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
