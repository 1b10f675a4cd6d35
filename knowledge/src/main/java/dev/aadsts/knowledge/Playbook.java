package dev.aadsts.knowledge;

import java.util.List;

/**
 * The deep part of an entry: ranked causes, ordered fix steps, what to gather for a ticket, and an
 * optional note for codes whose meaning depends on the flow.
 */
public record Playbook(List<String> causes, List<String> fixes, List<String> collect, String scenario) {
    public Playbook {
        causes = List.copyOf(causes);
        fixes = List.copyOf(fixes);
        collect = List.copyOf(collect);
    }
}
