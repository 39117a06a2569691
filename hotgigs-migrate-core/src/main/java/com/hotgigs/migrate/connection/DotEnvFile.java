package com.hotgigs.migrate.connection;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .env} file as the seed's python-dotenv reads it: {@code NAME=value} lines, blank lines
 * and {@code #} comments, an optional {@code export } prefix, values optionally in single or double
 * quotes. Variable references ({@code ${OTHER}}) are not expanded.
 */
public final class DotEnvFile {

    public static final String FILE_NAME = ".env";

    private static final Pattern ASSIGNMENT =
            Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(.*?)\\s*");

    private DotEnvFile() {
    }

    /** The variables of {@code directory/.env}, or none when there is no such file. */
    public static Map<String, String> read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION,
                    "Could not read " + file + ": " + e.getMessage() + ". Make it readable, or remove it.", e);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Matcher assignment = ASSIGNMENT.matcher(line);
            if (!assignment.matches()) {
                throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION,
                        file + " line " + (index + 1) + " is not a NAME=value assignment. "
                                + "Write it as e.g. DB_HOST=localhost, or comment it out with #.");
            }
            variables.put(assignment.group(1), value(assignment.group(2)));
        }
        return variables;
    }

    private static String value(String raw) {
        if (!raw.isEmpty() && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')) {
            int closing = raw.indexOf(raw.charAt(0), 1);
            if (closing > 0) {
                return raw.substring(1, closing);
            }
        }
        // Unquoted values end at an inline comment, as in python-dotenv.
        int comment = raw.indexOf(" #");
        return comment < 0 ? raw : raw.substring(0, comment).strip();
    }
}
