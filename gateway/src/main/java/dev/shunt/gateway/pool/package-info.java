/** A pool's live backends: active health checks, DNS discovery, breakers and bulkheads, and the snapshot policies decide on. */
package dev.shunt.gateway.pool;
