package com.hotgigs.migrate.lint;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -- hotgigs:lint-ignore <rule>[, <rule>...] [-- reason]} comments of one script: in the comment lines
 * before its first statement they exempt the whole file, directly above a statement (in the comment
 * lines that touch it) that statement. A rule id that does not exist is a problem, never ignored: a
 * typo must not silently lint what the author meant to accept.
 */
final class LintDirectives {

    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*--\\s*hotgigs:(lint[\\w-]*)(.*)$");
    private static final String WORD = "lint-ignore";

    private final Set<LintRule> wholeFile;
    private final Map<Integer, Set<LintRule>> byLine;
    private final List<String> problems;
    private final String[] lines;

    private LintDirectives(Set<LintRule> wholeFile, Map<Integer, Set<LintRule>> byLine, List<String> problems, String[] lines) {
        this.wholeFile = wholeFile;
        this.byLine = byLine;
        this.problems = problems;
        this.lines = lines;
    }

    /**
     * @param firstStatementLine the line of the script's first statement, or past its end when it has none
     * @param source             where the file is, for problems
     */
    static LintDirectives read(String script, int firstStatementLine, String source) {
        if (script.indexOf("hotgigs:lint") < 0) {
            // Most scripts have none: no need to cut them into lines.
            return new LintDirectives(Set.of(), Map.of(), List.of(), new String[0]);
        }
        String[] lines = script.split("\n", -1);
        Set<LintRule> wholeFile = EnumSet.noneOf(LintRule.class);
        Map<Integer, Set<LintRule>> byLine = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].indexOf("hotgigs:lint") < 0) {
                continue;
            }
            Matcher directive = DIRECTIVE.matcher(lines[i]);
            if (!directive.matches()) {
                continue;
            }
            int line = i + 1;
            Set<LintRule> rules = rules(directive, source, line, problems);
            if (line < firstStatementLine) {
                wholeFile.addAll(rules);
            } else {
                byLine.put(line, rules);
            }
        }
        return new LintDirectives(wholeFile, byLine, problems, lines);
    }

    private static Set<LintRule> rules(Matcher directive, String source, int line, List<String> problems) {
        Set<LintRule> rules = EnumSet.noneOf(LintRule.class);
        String where = source + " line " + line + ": ";
        if (!directive.group(1).equals(WORD)) {
            problems.add(where + "unknown directive 'hotgigs:" + directive.group(1) + "'; the lint directive is '-- hotgigs:"
                    + WORD + " <rule>'. Correct it.");
            return rules;
        }
        // A reason may follow the ids, as a comment of its own: -- hotgigs:lint-ignore table-rewrite-or-lock -- a staging table.
        String list = directive.group(2);
        int reason = list.indexOf("--");
        String[] ids = (reason < 0 ? list : list.substring(0, reason)).strip().split("[\\s,]+");
        if (ids.length == 1 && ids[0].isEmpty()) {
            problems.add(where + "'-- hotgigs:" + WORD + "' names no rule; name the rules it exempts (" + LintRule.ids() + ").");
            return rules;
        }
        for (String id : ids) {
            LintRule.byId(id).ifPresentOrElse(rules::add, () -> problems.add(where + "'-- hotgigs:" + WORD + " " + id
                    + "' names no lint rule; the rules are " + LintRule.ids() + ". Correct the id."));
        }
        return rules;
    }

    /** Whether the rule is exempted for the statement starting on {@code statementLine}. */
    boolean exempts(LintRule rule, int statementLine) {
        if (wholeFile.contains(rule)) {
            return true;
        }
        // The comment lines directly above the statement, nearest first.
        for (int line = Math.min(statementLine - 1, lines.length); line >= 1 && lines[line - 1].strip().startsWith("--"); line--) {
            Set<LintRule> rules = byLine.get(line);
            if (rules != null && rules.contains(rule)) {
                return true;
            }
        }
        return false;
    }

    /** Directives that name no rule or an unknown one. */
    List<String> problems() {
        return problems;
    }
}
