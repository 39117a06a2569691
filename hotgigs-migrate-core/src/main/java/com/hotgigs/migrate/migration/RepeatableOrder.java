package com.hotgigs.migrate.migration;

import com.hotgigs.migrate.script.ScriptDirectives;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Collectors;

/**
 * The order repeatables are applied in: by name, except that one whose header says
 * {@code -- hotgigs:after R__base_views} comes after that one (a view on a view). A name that
 * no repeatable has, or a cycle, is a problem naming the files.
 */
final class RepeatableOrder {

    /** A repeatable with what its header says it follows. */
    record Node(Migration migration, ScriptDirectives.After after) {
    }

    private RepeatableOrder() {
    }

    /** The repeatables in order; adds a sentence to {@code problems} for each unknown name or cycle. */
    static List<Migration> order(List<Node> nodes, List<String> problems) {
        Map<String, Node> byName = new LinkedHashMap<>();
        nodes.stream().sorted(Comparator.comparing(node -> node.migration().name()))
                .forEach(node -> byName.putIfAbsent(node.migration().name(), node));
        Map<String, List<String>> followers = new HashMap<>();
        Map<String, Integer> waitingFor = new HashMap<>();
        int before = problems.size();
        for (Node node : byName.values()) {
            String name = node.migration().name();
            waitingFor.putIfAbsent(name, 0);
            for (String reference : node.after().names()) {
                String target = referencedName(reference);
                if (target == null || !byName.containsKey(target)) {
                    problems.add(node.migration().source() + " line " + node.after().line() + ": '-- hotgigs:after "
                            + reference + "' names no repeatable; " + known(byName) + ". Name one of them as R__<name>, "
                            + "or remove the directive.");
                    continue;
                }
                followers.computeIfAbsent(target, key -> new ArrayList<>()).add(name);
                waitingFor.merge(name, 1, Integer::sum);
            }
        }
        if (problems.size() > before) {
            return List.of();
        }
        PriorityQueue<String> ready = new PriorityQueue<>();
        waitingFor.forEach((name, count) -> {
            if (count == 0) {
                ready.add(name);
            }
        });
        List<Migration> ordered = new ArrayList<>();
        while (!ready.isEmpty()) {
            String name = ready.poll();
            ordered.add(byName.get(name).migration());
            for (String follower : followers.getOrDefault(name, List.of())) {
                if (waitingFor.merge(follower, -1, Integer::sum) == 0) {
                    ready.add(follower);
                }
            }
        }
        if (ordered.size() < byName.size()) {
            problems.add(cycle(byName, waitingFor));
        }
        return ordered;
    }

    /** {@code R__x} or {@code R__x.sql} as the name {@code x}; null for anything else. */
    private static String referencedName(String reference) {
        if (!reference.startsWith(Migration.REPEATABLE_PREFIX)) {
            return null;
        }
        String name = reference.substring(Migration.REPEATABLE_PREFIX.length());
        return name.endsWith(".sql") ? name.substring(0, name.length() - 4) : name;
    }

    private static String known(Map<String, Node> byName) {
        return byName.isEmpty() ? "there are none"
                : "the repeatables are " + byName.keySet().stream().map(RepeatableOrder::asReference).collect(Collectors.joining(", "));
    }

    /** How a directive names a repeatable: in double quotes when its name holds a space. */
    private static String asReference(String name) {
        String reference = Migration.REPEATABLE_PREFIX + name;
        return name.matches(".*[\\s,].*") ? "\"" + reference + "\"" : reference;
    }

    /** Follows the directives from a repeatable still waiting until a name comes back: that loop is the cycle. */
    private static String cycle(Map<String, Node> byName, Map<String, Integer> waitingFor) {
        String start = byName.keySet().stream().filter(name -> waitingFor.get(name) > 0).findFirst().orElseThrow();
        List<String> path = new ArrayList<>();
        String current = start;
        while (!path.contains(current)) {
            path.add(current);
            current = byName.get(current).after().names().stream().map(RepeatableOrder::referencedName)
                    .filter(name -> waitingFor.getOrDefault(name, 0) > 0).findFirst().orElseThrow();
        }
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
        loop.add(current);
        return "The -- hotgigs:after directives of " + loop.subList(0, loop.size() - 1).stream()
                .map(name -> byName.get(name).migration().source() + " (line " + byName.get(name).after().line() + ")")
                .collect(Collectors.joining(", ")) + " form a cycle: "
                + loop.stream().map(name -> Migration.REPEATABLE_PREFIX + name).collect(Collectors.joining(" runs after "))
                + ". Remove one of these directives.";
    }
}
