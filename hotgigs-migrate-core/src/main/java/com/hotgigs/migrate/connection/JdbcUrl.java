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
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@?]*):[^@/?]*@");

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
        int query = url.indexOf('?');
        String base = USER_INFO_PASSWORD.matcher(query < 0 ? url : url.substring(0, query)).replaceAll("$1:" + MASK + "@");
        if (query < 0) {
            return base;
        }
        List<String> parameters = new ArrayList<>();
        for (String parameter : url.substring(query + 1).split("&", -1)) {
            int equals = parameter.indexOf('=');
            boolean secret = isPasswordName(equals < 0 ? parameter : parameter.substring(0, equals));
            parameters.add(secret ? (equals < 0 ? parameter : parameter.substring(0, equals)) + "=" + MASK : parameter);
        }
        String redacted = base + "?" + String.join("&", parameters);
        return leaksAnyPassword(redacted) ? base + "?" + MASK : redacted;
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
        Properties parsed = url == null || hasUserInfo(url) ? null : Driver.parseURL(url, null);
        Map<String, String> parameters = new LinkedHashMap<>();
        if (parsed != null) {
            parsed.stringPropertyNames().forEach(name -> parameters.put(name, parsed.getProperty(name)));
        }
        return parameters;
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
