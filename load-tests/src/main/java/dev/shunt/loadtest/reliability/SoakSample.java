package dev.shunt.loadtest.reliability;

/**
 * One look at the gateway during the soak.
 *
 * @param seconds since the load started
 * @param resources what it held then
 * @param requests requests sent so far
 * @param failures failures so far
 */
record SoakSample(double seconds, Resources resources, long requests, long failures) {}
