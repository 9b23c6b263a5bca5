package org.saola.platform.retention;

import java.util.List;

/**
 * Retention rules a module makes from its configuration, one per configured case (the history of one entity type,
 * say), beside its fixed {@link RetentionRule} beans; each is a category of its own, with its own runs.
 */
public interface RetentionRules {

    List<RetentionRule> rules();
}
