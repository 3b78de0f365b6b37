package dev.shunt.loadtest.reliability;

import java.util.ArrayList;
import java.util.List;

/** The verdict conditions of one scenario: each is checked and, when it does not hold, says why. */
final class Checks {

    private final List<String> failed = new ArrayList<>();

    /** Records {@code why} as a failed condition unless {@code holds}. */
    Checks require(boolean holds, String why) {
        if (!holds) {
            failed.add(why);
        }
        return this;
    }

    boolean passed() {
        return failed.isEmpty();
    }

    List<String> failed() {
        return List.copyOf(failed);
    }
}
