/** Micrometer/Prometheus meters of a model server, resolved once, with names in one constants class. */
package dev.shunt.backend.metrics;
