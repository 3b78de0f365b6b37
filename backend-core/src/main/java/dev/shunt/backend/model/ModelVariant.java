package dev.shunt.backend.model;

import java.util.Locale;

/**
 * Which weights an embedded model gets. {@link #CANDIDATE} is the production weights slightly
 * perturbed, served under the same name: a stand-in for a retrained or distilled model whose
 * top-1 answers mostly, but not always, agree with production (for shadow-validation demos).
 */
public enum ModelVariant {
    PRODUCTION,
    CANDIDATE;

    /** The flag value, lower case. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
