package com.hotgigs.migrate.lint;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The README's lint examples and rule table name the rules that exist, so a reader who copies one is not refused. */
class ReadmeLintRulesTest {

    private static final Pattern EXAMPLE = Pattern.compile("-- hotgigs:lint-ignore [^`'\\n<]+");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([a-z]+(?:-[a-z]+)+)` \\|");

    @Test
    void everyLintIgnoreExampleInTheReadmeNamesRealRules() throws IOException {
        String readme = readme();
        List<String> examples = new ArrayList<>();
        Matcher example = EXAMPLE.matcher(readme);
        while (example.find()) {
            examples.add(example.group());
        }
        assertFalse(examples.isEmpty(), "the README shows lint-ignore examples");
        for (String directive : examples) {
            LintDirectives read = LintDirectives.read(directive + "\nSELECT 1;\n", 2, "README.md");
            assertEquals(List.of(), read.problems(), directive);
        }
    }

    @Test
    void theReadmesRuleTableHasARowForEachRuleAndNoOther() throws IOException {
        TreeSet<String> rows = new TreeSet<>();
        String readme = readme();
        int table = readme.indexOf("| rule | finds | why | the safe way |");
        Matcher row = TABLE_ROW.matcher(readme.substring(table, readme.indexOf("\n\n", table)));
        while (row.find()) {
            rows.add(row.group(1));
        }
        TreeSet<String> rules = new TreeSet<>(Arrays.stream(LintRule.values()).map(LintRule::id).toList());
        assertEquals(rules, rows);
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent().resolve("README.md"));
    }
}
