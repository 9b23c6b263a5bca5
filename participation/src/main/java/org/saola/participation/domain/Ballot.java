package org.saola.participation.domain;

import java.util.List;

/**
 * What a resident chose: the budget they voted in ({@code scope}: empty for the whole process, else their
 * ward) and the projects, in code order (the order a resident ticked them in says nothing and is not kept).
 */
public record Ballot(String scope, List<String> projects) {

    public Ballot {
        scope = scope == null ? "" : scope.strip();
        projects = projects == null ? List.of() : projects.stream().map(String::strip).sorted().toList();
    }
}
