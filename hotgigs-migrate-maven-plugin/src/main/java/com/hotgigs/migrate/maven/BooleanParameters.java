package com.hotgigs.migrate.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Refuses a boolean parameter whose value is neither {@code true} nor {@code false}. Maven reads any
 * other word as false, so {@code -Dhotgigs.skip=yes} would run the goal against the database and
 * {@code <failOnLint>yes</failOnLint>} would let every finding pass.
 */
final class BooleanParameters {

    private BooleanParameters() {
    }

    /** Checks the goal's boolean parameters as this execution configures them, resolving them as Maven does. */
    static void check(MavenSession session, MojoExecution execution) throws MojoExecutionException {
        if (session == null || execution == null || execution.getMojoDescriptor() == null || execution.getConfiguration() == null) {
            return;
        }
        PluginParameterExpressionEvaluator evaluator = new PluginParameterExpressionEvaluator(session, execution);
        check(execution.getMojoDescriptor(), execution.getConfiguration(), written -> {
            try {
                return evaluator.evaluate(written);
            } catch (ExpressionEvaluationException e) {
                // Maven reports an expression it cannot resolve when it configures the goal.
                return null;
            }
        });
    }

    /**
     * @param evaluate resolves a configured value ({@code ${hotgigs.skip}}, a literal) as Maven does; null when unset
     */
    static void check(MojoDescriptor goal, Xpp3Dom configuration, Function<String, Object> evaluate) throws MojoExecutionException {
        List<Parameter> parameters = goal.getParameters() == null ? List.of() : goal.getParameters();
        for (Parameter parameter : parameters) {
            if (!"boolean".equals(parameter.getType()) && !"java.lang.Boolean".equals(parameter.getType())) {
                continue;
            }
            Xpp3Dom element = configuration.getChild(parameter.getName());
            String written = element == null ? null : element.getValue();
            Object value = written == null ? null : evaluate.apply(written);
            if (value instanceof String text && !isBoolean(text)) {
                throw new MojoExecutionException(describe(parameter, written) + " is \"" + text
                        + "\": it takes true or false (Maven would read \"" + text + "\" as false). Nothing was run.");
            }
        }
    }

    private static boolean isBoolean(String text) {
        String word = text.trim().toLowerCase(Locale.ROOT);
        return word.equals("true") || word.equals("false");
    }

    /** Where the value was given: its property when the configuration only refers to it, else the POM's element. */
    private static String describe(Parameter parameter, String written) {
        String property = property(parameter);
        if (property != null && written.equals("${" + property + "}")) {
            return "The property " + property + " (-D" + property + " or a project property)";
        }
        return "<" + parameter.getName() + "> in the plugin's configuration";
    }

    private static String property(Parameter parameter) {
        String expression = parameter.getExpression();
        if (expression != null && expression.startsWith("${") && expression.endsWith("}")) {
            return expression.substring(2, expression.length() - 1);
        }
        return null;
    }
}
