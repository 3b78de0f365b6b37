/** Traces of the gateway: a span per inference request, a child per upstream attempt, a linked span per mirrored copy. */
package dev.shunt.gateway.trace;
