package org.saola.participation.domain;

import java.util.Arrays;
import org.saola.platform.InvalidInputException;

/** What a proposal is about, so residents and departments can filter (labels in i18n {@code participation.category.*}). */
public enum ProposalCategory {
    ROADS, GREEN_SPACE, LIGHTING, WATER_DRAINAGE, WASTE, MOBILITY, CULTURE_SPORT, EDUCATION, HEALTH, SAFETY, OTHER;

    public static ProposalCategory parse(String value) {
        try {
            return valueOf(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("category", "choose what the proposal is about: one of "
                    + Arrays.toString(values()) + "; got '" + value + "'", "participation.problem.category");
        }
    }
}
