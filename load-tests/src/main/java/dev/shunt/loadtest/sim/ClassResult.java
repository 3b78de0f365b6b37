package dev.shunt.loadtest.sim;

/**
 * What became of one class's requests in the measured window.
 *
 * @param arrived requests that arrived
 * @param met answered before their deadline
 * @param late answered after it
 * @param expired dropped unanswered at their deadline in a backend's queue
 * @param rejected refused by the policy
 */
public record ClassResult(long arrived, long met, long late, long expired, long rejected) {

    public ClassResult {
        if (arrived != met + late + expired + rejected) {
            throw new IllegalArgumentException("arrived: " + arrived + " (expected: met + late + expired + rejected = "
                    + (met + late + expired + rejected) + ")");
        }
    }

    /** Met over arrived, 0..1; NaN when none arrived. */
    public double attainment() {
        return arrived == 0 ? Double.NaN : (double) met / arrived;
    }

    /** Arrived but not answered in time. */
    public long misses() {
        return arrived - met;
    }
}
