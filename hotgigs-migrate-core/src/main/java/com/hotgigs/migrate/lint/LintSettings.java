package com.hotgigs.migrate.lint;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * How lint runs inside migrate and validate.
 *
 * @param failOnLint true: a finding in a pending migration fails the run before anything runs; false: it is a warning
 * @param ignored    rules not checked at all
 */
public record LintSettings(boolean failOnLint, Set<LintRule> ignored) {

    public static final LintSettings DEFAULT = new LintSettings(false, Set.of());

    public LintSettings {
        ignored = ignored.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(ignored));
    }

    /**
     * The rules named by their ids, as a build configures them.
     *
     * @param setting the setting's name, for the message
     * @throws ConfigurationException naming the unknown id and every known one
     */
    public static Set<LintRule> rules(String setting, Collection<String> ids) {
        Set<LintRule> rules = EnumSet.noneOf(LintRule.class);
        for (String id : ids) {
            String trimmed = id.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            rules.add(LintRule.byId(trimmed).orElseThrow(() -> new ConfigurationException(ErrorCode.UNKNOWN_LINT_RULE,
                    ConfigurationException.setting(setting) + " names the lint rule '" + trimmed
                            + "', which does not exist; the rules are " + LintRule.ids() + ". Correct the id.")));
        }
        return rules;
    }
}
