package org.saola.alerts;

import java.util.List;
import java.util.Set;
import org.saola.platform.TenantId;

/** What other modules may do with a tenant's rules (the demo city brings its own). */
public interface RuleImport {

    /** The names of the tenant's rules. */
    Set<String> ruleNames(TenantId tenant);

    /**
     * Imports rules as from a file: each replaces the tenant's rule of the same name or is added; one invalid
     * rule refuses them all.
     */
    void importRules(TenantId tenant, List<RuleDraft> drafts);
}
