/**
 * The gateway's HTTP edge: one verticle per event loop with its listener, clients and router; the
 * intake that sends inference calls to the pipeline; the non-inference routes (health, metadata,
 * admin, metrics).
 */
package dev.shunt.gateway.edge;
