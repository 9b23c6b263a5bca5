package org.saola.alerts.packs;

import java.util.List;
import org.saola.alerts.RuleDraft;

/**
 * A rule pack: rules for one kind of city hazard, shipped as a file ({@code packs/<id>.json}) that any city can
 * switch on, and share or adapt (the same shape as an exported rule file, with a name and a description).
 */
public record RulePack(String id, String nameVi, String nameEn, String descriptionVi, String descriptionEn,
        List<RuleDraft> rules) {
}
