/**
 * The gateway's HTTP edge: one verticle per event loop with its listener, clients and router; the
 * intake that sends inference calls to the pipeline; the non-inference routes (health, metadata,
 * admin, metrics), which an admin verticle serves on a listener of their own when {@code admin.listener}
 * asks.
 */
package dev.shunt.gateway.edge;
